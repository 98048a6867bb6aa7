/**
 * Fuzz of what decides where a token goes: destination records as an edited vault file could
 * hold them (readDestinations is the oracle's subject: it never throws, and whatever it accepts
 * is exactly one kind, runs no shell, holds no credential and can put no option on a tool's
 * command line), and `token-desk deliver` arguments (every run ends in exit 0, 1 or 2 with words;
 * a refused run changes nothing and echoes no token).
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readDestinations, type Destination } from '../../main/core/deliveries'
import { commandProblem } from '../../main/core/deliveries/destination'
import { stepsOf } from '../../main/core/deliveries/presets'
import { onlyJson, PASSPHRASE, runMain, sandboxEnv, snapshotTree, startTestSandbox, tempHome, userToken } from '../integration/cli/support'
import type { Sandbox } from '../../main/core/sandbox'

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_422)
const KINDS = ['env-file', 'github', 'aws', 'gcloud', 'vault', 'command', 'webhook', 'shell', '', 'ENV-FILE']
const nasty = fc.oneof(
  fc.constantFrom('-', '--body=x', '-c', '; rm -rf ~', '$(id)', '`id`', '../../etc/passwd', '/etc/passwd', 'EAAtokenInsideTheRecord123456', 'password=hunter2', 'a\nb', '\u0000', ' ', 'GITHUB_TOKEN', 'acme/reports', 'secret/ads', 'FB_ACCESS_TOKEN', '/home/pat/.env', 'sh', 'bash', 'cmd.exe'),
  fc.string({ maxLength: 40 }),
  fc.string({ maxLength: 40, unit: 'binary' }),
)
const value = fc.oneof(nasty, fc.integer(), fc.boolean(), fc.constant(null), fc.array(nasty, { maxLength: 6 }), fc.dictionary(nasty, nasty, { maxKeys: 3 }))
const id = fc.stringMatching(/^d[0-9a-f]{12}$/)
/** A valid record of each kind. */
const valid = fc.oneof(
  fc.record({ id, kind: fc.constant('env-file'), path: fc.constantFrom('/home/pat/.env', '/srv/a b/.env'), key: fc.constantFrom('FB_ACCESS_TOKEN', '_X1') }),
  fc.record({ id, kind: fc.constant('github'), name: fc.constantFrom('FB_TOKEN', 'x_1'), repo: fc.constantFrom('acme/reports', 'ghe.example.com/acme/r.x') }),
  fc.record({ id, kind: fc.constant('aws'), secretId: fc.constantFrom('prod/fb', 'arn:aws:secretsmanager:eu-west-1:1:secret:fb-AbC') }),
  fc.record({ id, kind: fc.constant('gcloud'), secret: fc.constantFrom('fb', 'projects/p/secrets/fb') }),
  fc.record({ id, kind: fc.constant('vault'), path: fc.constantFrom('secret/ads', 'kv/team/a.b'), field: fc.constantFrom('FB_ACCESS_TOKEN', 'token.v2') }),
  fc.record({ id, kind: fc.constant('command'), argv: fc.constantFrom(['/usr/local/bin/push'], ['python3', 'push.py', '--to', 'prod']) }),
)
/** A valid record with one field replaced, one added or one dropped: what a hand edit makes. */
const mutated = fc.tuple(valid, fc.constantFrom('path', 'key', 'name', 'repo', 'env', 'secretId', 'region', 'secret', 'project', 'field', 'argv', 'cwd', 'kind', 'id', 'extra'), fc.oneof(value, fc.constant(undefined))).map(([r, key, v]) => {
  const out: Record<string, unknown> = { ...r }
  if (v === undefined) delete out[key]
  else out[key] = v
  return out
})
const record = fc.oneof(
  valid,
  mutated,
  mutated,
  fc.record(
    {
      id: fc.oneof(fc.stringMatching(/^d[0-9a-f]{12}$/), nasty),
      kind: fc.constantFrom(...KINDS),
      path: value,
      key: value,
      name: value,
      repo: value,
      env: value,
      secretId: value,
      region: value,
      secret: value,
      project: value,
      field: value,
      argv: fc.oneof(fc.array(nasty, { maxLength: 6 }), nasty),
      cwd: value,
      command: value,
      last: fc.oneof(fc.record({ at: fc.integer(), ok: fc.boolean(), message: nasty }), value),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
)

/** Each value a preset puts on its tool's command line, by kind. */
function userValues(d: Destination): string[] {
  switch (d.kind) {
    case 'github':
      return [d.name, d.repo ?? '', d.env ?? ''].filter((v) => v !== '')
    case 'aws':
      return [d.secretId, d.region ?? ''].filter((v) => v !== '')
    case 'gcloud':
      return [d.secret, d.project ?? ''].filter((v) => v !== '')
    case 'vault':
      return [d.path, d.field]
    default:
      return []
  }
}

describe('destination records: an edited vault file', () => {
  it('never throws; what it accepts is one kind, runs no shell, holds no credential, and puts no option on a tool', () => {
    let accepted = 0
    let refused = 0
    fc.assert(
      fc.property(fc.oneof(fc.array(record, { maxLength: 8 }), value), (raw) => {
        const read = readDestinations(raw)
        accepted += read.destinations.length
        refused += read.refused.length
        if (Array.isArray(raw)) expect(read.destinations.length + read.refused.length).toBe(Math.min(raw.length, 64))
        for (const r of read.refused) expect(typeof r.reason).toBe('string')
        for (const d of read.destinations) {
          expect(['env-file', 'github', 'aws', 'gcloud', 'vault', 'command']).toContain(d.kind)
          expect(d.id).toMatch(/^d[0-9a-f]{12}$/)
          expect(JSON.stringify(d)).not.toMatch(/EAA[A-Za-z0-9]{10,}|password=/)
          if (d.kind === 'command') expect(commandProblem(d.argv)).toBeNull()
          if (d.kind === 'env-file') expect(d.path.startsWith('/') && /^[A-Za-z_]\w*$/.test(d.key)).toBe(true)
          if (d.kind !== 'env-file' && d.kind !== 'command') {
            for (const v of userValues(d)) expect(v.startsWith('-'), v).toBe(false)
            const argv = stepsOf(d, 'linux').flatMap((s) => s.argv)
            expect(argv.some((a) => /[\n\0]/.test(a))).toBe(false)
          }
        }
      }),
      { numRuns: 3000, seed: SEED },
    )
    console.warn(`destination fuzz: ${accepted} accepted and ${refused} refused records`)
    expect(refused).toBeGreaterThan(1000)
  })

  it('accepts the valid records it is given, whatever else is in the list', () => {
    const good = fc.record({ id: fc.stringMatching(/^d[0-9a-f]{12}$/), kind: fc.constant('env-file' as const), path: fc.stringMatching(/^\/[a-z]{1,10}\/\.env$/), key: fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,10}$/) })
    fc.assert(
      fc.property(good, fc.array(record, { maxLength: 5 }), (one, junk) => {
        const read = readDestinations([one, ...junk.filter((j) => !(typeof j === 'object' && j !== null && (j as { id?: unknown }).id === one.id))])
        expect(read.destinations[0]).toEqual(one)
      }),
      { numRuns: 500, seed: SEED },
    )
  })
})

describe('token-desk deliver arguments', () => {
  let sb: Sandbox
  let home: string
  const env = () => sandboxEnv(sb, { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE, PATH: '/nonexistent' })
  beforeAll(async () => {
    sb = await startTestSandbox()
    home = await tempHome({ cheapKey: true })
    expect((await runMain(['add', '--name', 'Fuzzed'], { env: env(), stdin: userToken(sb) })).code).toBe(0)
  })
  afterAll(() => sb.close())

  const word = fc.oneof(
    fc.constantFrom('add', 'list', 'remove', 'Fuzzed', '--env-file', '--key', '--github', '--repo', '--env', '--aws', '--region', '--gcloud', '--project', '--vault', '--command', '--', '--json', '--help', '--token', '-x', '/tmp/x/.env', 'a/b', 'd0123456789ab', 'EAAfuzzedTokenWord1234567890', 'sh', '-c', ''),
    fc.string({ maxLength: 20 }),
  )

  it('every run ends in exit 0, 1 or 2 with words; a refused one changes nothing and echoes no token', async () => {
    const codes = new Map<number, number>()
    await fc.assert(
      fc.asyncProperty(fc.array(word, { maxLength: 7 }), async (words) => {
        const before = await snapshotTree(home)
        const r = await runMain(['deliver', ...words], { env: env() })
        codes.set(r.code ?? -1, (codes.get(r.code ?? -1) ?? 0) + 1)
        expect([0, 1, 2]).toContain(r.code)
        expect(r.stdout + r.stderr).not.toContain('EAAfuzzedTokenWord1234567890')
        expect(r.stderr).not.toMatch(/\n\s+at |TypeError|undefined/)
        if (r.code === 2) expect(await snapshotTree(home)).toEqual(before)
        if (words.includes('--json') && !words.slice(0, words.indexOf('--json')).includes('--') && !words.includes('--help')) expect(() => onlyJson(r.stdout)).not.toThrow()
      }),
      { numRuns: 250, seed: SEED },
    )
    console.warn(`deliver argument fuzz: exit codes ${JSON.stringify(Object.fromEntries(codes))}`)
    expect(codes.get(2)).toBeGreaterThan(50)
  }, 120_000)
})
