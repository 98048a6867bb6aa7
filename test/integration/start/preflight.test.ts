/**
 * `npm test` on a fresh machine: before any test runs, it installs Chromium and Xvfb where it
 * can (apt-get as root), or prints the exact command and stops. Run here with a PATH of our own
 * (a recording apt-get, or none) so nothing is installed on this machine.
 */
import { spawnSync } from 'node:child_process'
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../../..')
let work: string

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'token-desk-preflight-'))
})
afterAll(() => rm(work, { recursive: true, force: true }))

function runTestAll(env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [join(ROOT, 'scripts', 'test-all.mjs')], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 })
}

describe('npm test on a machine without Chromium, Xvfb or curl', () => {
  it('with no way to install them: prints the exact command and stops before any step runs', async () => {
    const bin = join(work, 'empty-bin')
    await mkdir(bin)
    const ran = runTestAll({ PATH: bin, HOME: work, CHROMIUM_PATH: join(work, 'no-chromium') })
    expect(ran.status).toBe(1)
    expect(ran.stdout).toContain(`npm test needs chromium${process.platform === 'linux' ? ', xvfb' : ''} and curl before any test can run`)
    if (process.platform === 'linux') expect(ran.stdout).toMatch(/Run: sudo apt-get install -y chromium xvfb curl|Install chromium, xvfb and curl and set CHROMIUM_PATH/)
    expect(ran.stdout).toMatch(/^0 passed, 1 failed$/m)
    expect(ran.stdout).not.toContain('=== typecheck')
  })

  it('as root with apt-get: installs all three, then goes on to the steps', async (ctx) => {
    if (process.platform !== 'linux') ctx.skip('apt-get and Xvfb are the Linux path')
    const bin = join(work, 'apt-bin')
    await mkdir(bin)
    const log = join(work, 'apt.log')
    const chromium = join(work, 'installed-chromium')
    // A recording apt-get: "installs" chromium where CHROMIUM_PATH points, and xvfb-run and curl on PATH.
    await writeFile(
      join(bin, 'apt-get'),
      `#!/bin/sh\necho "$@" >> ${JSON.stringify(log)}\nif [ "$1" = install ]; then printf '#!/bin/sh\\n' > ${JSON.stringify(chromium)}; /bin/chmod +x ${JSON.stringify(chromium)}; printf '#!/bin/sh\\n' > ${JSON.stringify(join(bin, 'xvfb-run'))}; /bin/chmod +x ${JSON.stringify(join(bin, 'xvfb-run'))}; printf '#!/bin/sh\\n' > ${JSON.stringify(join(bin, 'curl'))}; /bin/chmod +x ${JSON.stringify(join(bin, 'curl'))}; fi\n`,
    )
    await chmod(join(bin, 'apt-get'), 0o755)
    const asRoot = process.getuid?.() === 0
    // npx is not on this PATH, so the run stops at its first step: after the install.
    const ran = runTestAll({ PATH: bin, HOME: work, CHROMIUM_PATH: chromium })
    if (!asRoot) {
      expect(ran.stdout).toContain('could not install')
      return
    }
    const calls = (await readFile(log, 'utf8')).trim().split('\n')
    expect(calls).toEqual(['update -qq', 'install -y -qq --no-install-recommends chromium xvfb curl'])
    expect(ran.stdout).toContain('installing chromium xvfb curl with apt-get')
    expect(ran.stdout).toContain('=== typecheck')
  })
})
