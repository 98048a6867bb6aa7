import { createServer, type Server } from 'node:http'
import { spawnSync } from 'node:child_process'
import { chown, lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { deliverTo, type DeliverPorts } from '../../../main/core/deliveries/deliver'
import type { Destination } from '../../../main/core/deliveries'
import { writeEnvFile } from '../../../main/core/deliveries/env-file'
import { nodeFs, type FsPort } from '../../../main/core/vault'
import { receivedOnStdinOnly, recordingTools, type RecordingTools } from '../../support/recording-tool'

const TOKEN = 'EAAdeliveredTokenValue0123456789abcdef'
let dir: string
let tools: RecordingTools
beforeAll(async () => {
  tools = await recordingTools(['gh', 'aws', 'gcloud', 'vault', 'push-token'])
})
afterAll(() => tools.close())
afterEach(async () => {
  await tools.rules([])
  if (dir) await rm(dir, { recursive: true, force: true })
})
const fresh = async () => (dir = await mkdtemp(join(tmpdir(), 'token-desk-deliver-')))
const ports = (extra: Partial<DeliverPorts> = {}): DeliverPorts => ({ env: { PATH: tools.path(), HOME: process.env.HOME, TOKEN_DESK_PASSPHRASE: 'vault passphrase', TOKEN_DESK_APP_SECRET: 'a'.repeat(32), SANDBOX_CONTROL_KEY: 'control', KEEP_ME: 'yes' }, now: () => 1_000, ...extra })
const env = (path: string, key = 'FB_ACCESS_TOKEN'): Destination => ({ id: 'd000000000001', kind: 'env-file', path, key })

describe('a .env destination on a real disk', () => {
  it('replaces the one line, keeps every other byte and the file\u2019s own mode', async () => {
    await fresh()
    const path = join(dir, '.env')
    const before = '# Reporting job\nAPI_URL=https://graph.facebook.com\n\nFB_ACCESS_TOKEN=EAAoldOldOldOldOld123456 # renewed by Token Desk\nOTHER=1\n'
    await writeFile(path, before, { mode: 0o640 })
    const result = await deliverTo(env(path), TOKEN, ports())
    expect(result).toMatchObject({ ok: true, message: `Updated FB_ACCESS_TOKEN in ${path}.` })
    expect(await readFile(path, 'utf8')).toBe(before.replace('EAAoldOldOldOldOld123456', TOKEN))
    expect((await stat(path)).mode & 0o777).toBe(0o640)
    expect(JSON.stringify(result)).not.toContain(TOKEN)
    expect((await readdir(dir)).sort()).toEqual(['.env'])
  })

  it('creates a new file 0600, whatever the umask', async () => {
    await fresh()
    const old = process.umask(0o000)
    try {
      const result = await deliverTo(env(join(dir, 'new.env')), TOKEN, ports())
      expect(result.message).toBe(`Created ${join(dir, 'new.env')} with FB_ACCESS_TOKEN.`)
    } finally {
      process.umask(old)
    }
    expect((await stat(join(dir, 'new.env'))).mode & 0o777).toBe(0o600)
    expect(await readFile(join(dir, 'new.env'), 'utf8')).toBe(`FB_ACCESS_TOKEN=${TOKEN}\n`)
  })

  it('refuses a symbolic link, and leaves the link and its target as they were', async () => {
    await fresh()
    await writeFile(join(dir, 'target'), 'SECRET_ELSEWHERE=1\n')
    await symlink(join(dir, 'target'), join(dir, '.env'))
    const result = await deliverTo(env(join(dir, '.env')), TOKEN, ports())
    expect(result).toMatchObject({ ok: false, message: `${join(dir, '.env')} is a symbolic link. Token Desk writes only the file itself, so a link cannot send the token somewhere else.`, fix: 'Point the destination at the real file.' })
    expect(await readFile(join(dir, 'target'), 'utf8')).toBe('SECRET_ELSEWHERE=1\n')
    expect((await lstat(join(dir, '.env'))).isSymbolicLink()).toBe(true)
  })

  it('refuses a file of another user', async () => {
    await fresh()
    const path = join(dir, '.env')
    await writeFile(path, 'A=1\n')
    // As root the file is given away for real; otherwise the check is told another uid is ours.
    const root = process.getuid?.() === 0
    if (root) await chown(path, 4242, 4242)
    const result = await deliverTo(env(path), TOKEN, ports(root ? {} : { envFile: { uid: 4242 } }))
    expect(result.ok).toBe(false)
    expect(result.message).toMatch(/belongs to another user \(uid \d+\)\. Token Desk writes only files you own\./)
    expect(await readFile(path, 'utf8')).toBe('A=1\n')
  })

  it('refuses a folder that does not exist, and something that is not a file', async () => {
    await fresh()
    expect((await deliverTo(env(join(dir, 'nope', '.env')), TOKEN, ports())).message).toBe(`The folder ${join(dir, 'nope')} does not exist.`)
    await mkdir(join(dir, 'a-folder'))
    expect((await deliverTo(env(join(dir, 'a-folder')), TOKEN, ports())).message).toBe(`${join(dir, 'a-folder')} is not a file.`)
  })

  it.each(['ENOSPC', 'EACCES', 'EIO'])('a write that fails (%s) leaves the file byte for byte and no temp file', async (code) => {
    await fresh()
    const path = join(dir, '.env')
    const before = Buffer.from('A=1\nFB_ACCESS_TOKEN=old\r\n\xff', 'latin1')
    await writeFile(path, before)
    const failing: FsPort = {
      ...nodeFs,
      open: async (p, flags, mode) => {
        const handle = await nodeFs.open(p, flags, mode)
        return { ...handle, writeFile: () => Promise.reject(Object.assign(new Error(code), { code })), sync: () => handle.sync(), close: () => handle.close() }
      },
    }
    const result = await deliverTo(env(path), TOKEN, ports({ envFile: { fs: failing } }))
    expect(result.ok).toBe(false)
    expect(result.message).toMatch(code === 'ENOSPC' ? /is full/ : code === 'EACCES' ? /permission denied/ : /could not be written \(EIO\)/)
    expect(await readFile(path)).toEqual(before)
    expect(await readdir(dir)).toEqual(['.env'])
  })

  it('removes a temp file an earlier killed write left, once it is old', async () => {
    await fresh()
    const path = join(dir, '.env')
    await writeFile(path, 'A=1\n')
    const left = join(dir, '.tmp-.env.0123456789ab')
    await writeFile(left, 'FB_ACCESS_TOKEN=half')
    const young = join(dir, '.tmp-.env.ba9876543210')
    await writeFile(young, 'being written')
    await utimes(left, new Date(Date.now() - 120_000), new Date(Date.now() - 120_000))
    await writeEnvFile(path, 'FB_ACCESS_TOKEN', TOKEN)
    expect((await readdir(dir)).sort()).toEqual(['.env', '.tmp-.env.ba9876543210'])
  })
})

describe('a command destination: the token on standard input only', () => {
  it('a free command gets the token on stdin; not in its arguments, environment, /proc/PID/cmdline or /proc/PID/environ; no Token Desk secret either', async () => {
    await fresh()
    const result = await deliverTo({ id: 'd000000000002', kind: 'command', argv: [join(tools.dir, 'push-token'), '--target', 'prod'], cwd: dir }, TOKEN, ports())
    expect(result).toMatchObject({ ok: true, message: 'push-token took the token.' })
    const [call] = await tools.calls().then((c) => c.slice(-1))
    expect(call!.argv).toEqual(['--target', 'prod'])
    expect(receivedOnStdinOnly(call!, TOKEN)).toBe(true)
    expect(call!.cmdline.split('\0')).toContain('--target')
    expect(call!.environ).toContain('KEEP_ME=yes')
    for (const withheld of ['TOKEN_DESK_PASSPHRASE', 'TOKEN_DESK_APP_SECRET', 'SANDBOX_CONTROL_KEY']) {
      expect(call!.env[withheld]).toBeUndefined()
      expect(call!.environ).not.toContain(withheld)
    }
    expect(call!.cwd).toBe(dir)
  })

  it('GitHub: gh auth status first, then gh secret set with the token on stdin', async () => {
    const before = (await tools.calls()).length
    const result = await deliverTo({ id: 'd000000000003', kind: 'github', name: 'FB_TOKEN', repo: 'acme/reports', env: 'prod' }, TOKEN, ports())
    expect(result.ok).toBe(true)
    const calls = (await tools.calls()).slice(before)
    expect(calls.map((c) => [c.name, ...c.argv])).toEqual([
      ['gh', 'auth', 'status'],
      ['gh', 'secret', 'set', 'FB_TOKEN', '--repo', 'acme/reports', '--env', 'prod'],
    ])
    expect(calls[0]!.stdin).toBe('')
    expect(receivedOnStdinOnly(calls[1]!, TOKEN)).toBe(true)
  })

  it('GitHub not logged in: gh secret set never runs, and the fix says gh auth login', async () => {
    await tools.rules([{ match: 'gh auth status', code: 1, stderr: 'You are not logged into any GitHub hosts. To log in, run: gh auth login\n' }])
    const before = (await tools.calls()).length
    const result = await deliverTo({ id: 'd000000000003', kind: 'github', name: 'FB_TOKEN', repo: 'acme/reports' }, TOKEN, ports())
    expect(result).toMatchObject({ ok: false, message: 'gh auth status failed (exit code 1). It said: “You are not logged into any GitHub hosts. To log in, run: gh auth login”', fix: 'Log in to GitHub CLI: run gh auth login.' })
    expect((await tools.calls()).slice(before).map((c) => c.argv.join(' '))).toEqual(['auth status'])
  })

  it('a failing tool (exit 3): its last stderr lines, redacted, and the preset\u2019s fix', async () => {
    await tools.rules([{ match: 'vault kv patch', code: 3, stderr: `Error writing data to secret/data/ads: permission denied\nvalue was ${TOKEN}\n` }])
    const result = await deliverTo({ id: 'd000000000004', kind: 'vault', path: 'secret/ads', field: 'FB_ACCESS_TOKEN' }, TOKEN, ports())
    expect(result.ok).toBe(false)
    expect(result.message).toBe('vault kv patch failed (exit code 3). It said: “Error writing data to secret/data/ads: permission denied / value was [redacted]”')
    expect(result.fix).toMatch(/kv patch changes an existing secret/)
  })

  it('a tool that hangs is stopped at the timeout', async () => {
    await tools.rules([{ match: 'gcloud', code: 0, sleepMs: 10_000 }])
    const started = Date.now()
    const result = await deliverTo({ id: 'd000000000005', kind: 'gcloud', secret: 'fb' }, TOKEN, ports({ timeoutMs: 300 }))
    expect(Date.now() - started).toBeLessThan(5000)
    expect(result).toMatchObject({ ok: false, message: 'gcloud secrets versions add did not finish within 0 seconds and was stopped.' })
  })

  it('a program that is not there, or not executable', async () => {
    await fresh()
    expect((await deliverTo({ id: 'd000000000006', kind: 'command', argv: ['no-such-program-here'] }, TOKEN, ports())).message).toBe('no-such-program-here was not found.')
    await writeFile(join(dir, 'not-exec'), '#!/bin/sh\n')
    expect((await deliverTo({ id: 'd000000000006', kind: 'command', argv: [join(dir, 'not-exec')] }, TOKEN, ports())).message).toMatch(/could not be run \(permission denied\)/)
  })

  it('AWS is not offered on Windows (no /dev/stdin)', async () => {
    const result = await deliverTo({ id: 'd000000000007', kind: 'aws', secretId: 'prod/fb' }, TOKEN, ports({ platform: 'win32' }))
    expect(result).toMatchObject({ ok: false, message: 'The AWS preset reads the token from /dev/stdin, which Windows does not have.' })
  })
})

/** The real tool, where it is installed, against a loopback server standing in for the cloud API. */
function realTool(name: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' })
  return found.status === 0 ? found.stdout.trim() : null
}

async function listen(answer: (body: string) => unknown): Promise<{ server: Server; url: string; bodies: string[] }> {
  const bodies: string[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString('utf8')))
    req.on('end', () => {
      bodies.push(body)
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify(answer(body)))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const address = server.address()
  return { server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, bodies }
}

describe('the presets with the real tools: they read the token from standard input', () => {
  const aws = realTool('aws')
  const gcloud = realTool('gcloud')

  it.skipIf(!aws)(`aws secretsmanager put-secret-value --secret-string file:///dev/stdin sends exactly the token${aws ? '' : ' (skipped: the aws CLI is not installed here)'}`, async () => {
    const api = await listen(() => ({ ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:prod/fb', Name: 'prod/fb', VersionId: 'v1' }))
    try {
      // AWS_ENDPOINT_URL_SECRETS_MANAGER is aws-cli v2's; v1 reads only --endpoint-url, so the preset's argv is run with it appended.
      const result = await deliverTo({ id: 'd000000000008', kind: 'command', argv: ['aws', 'secretsmanager', 'put-secret-value', '--secret-id', 'prod/fb', '--secret-string', 'file:///dev/stdin', '--region', 'eu-west-1', '--endpoint-url', api.url] }, TOKEN, {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE', AWS_SECRET_ACCESS_KEY: 'example-secret-key', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
        now: Date.now,
        timeoutMs: 60_000,
      })
      expect(result.ok, result.message).toBe(true)
      expect(JSON.parse(api.bodies[0]!)).toMatchObject({ SecretId: 'prod/fb', SecretString: TOKEN })
    } finally {
      api.server.close()
    }
  }, 90_000)

  it.skipIf(!gcloud)(`gcloud secrets versions add --data-file=- sends exactly the token${gcloud ? '' : ' (skipped: gcloud is not installed here)'}`, async () => {
    await fresh()
    const api = await listen(() => ({ name: 'projects/ads-123456/secrets/fb/versions/1', state: 'ENABLED', clientSpecifiedPayloadChecksum: true }))
    try {
      await writeFile(join(dir, 'access-token'), 'an-access-token-for-the-loopback-server\n')
      const result = await deliverTo({ id: 'd000000000009', kind: 'command', argv: ['gcloud', 'secrets', 'versions', 'add', 'fb', '--data-file=-', '--project', 'ads-123456', `--access-token-file=${join(dir, 'access-token')}`] }, TOKEN, {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, CLOUDSDK_CONFIG: dir, CLOUDSDK_CORE_DISABLE_PROMPTS: '1', CLOUDSDK_API_ENDPOINT_OVERRIDES_SECRETMANAGER: `${api.url}/` },
        now: Date.now,
        timeoutMs: 90_000,
      })
      expect(result.ok, result.message).toBe(true)
      const body = JSON.parse(api.bodies[0]!) as { payload: { data: string } }
      expect(Buffer.from(body.payload.data, 'base64').toString('utf8')).toBe(TOKEN)
    } finally {
      api.server.close()
    }
  }, 120_000)
})
