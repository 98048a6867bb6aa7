import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../../main/core/sandbox'
import { runMain, sandboxEnv, startTestSandbox, tempHome, userToken, PASSPHRASE } from './support'

// Issue 20, item 12: a 1-character TOKEN_DESK_PASSPHRASE was accepted for a new vault.
let sb: Sandbox
beforeAll(async () => {
  sb = await startTestSandbox()
})
afterAll(() => sb.close())

describe('TOKEN_DESK_PASSPHRASE strength', () => {
  it('refuses a passphrase under 8 characters for a new key, says why, and writes no key', async () => {
    const home = await tempHome()
    const result = await runMain(['add', '--name', 'Mine'], { env: sandboxEnv(sb, { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: 'p' }), stdin: userToken(sb) })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('TOKEN_DESK_PASSPHRASE has 1 character; a new passphrase needs at least 8')
    expect(result.stderr).toContain('try passphrases offline')
    expect(await readdir(join(home, 'vault', 'keys')).catch(() => [])).not.toContain('slots.json')
  })

  it('counts characters, not bytes: 7 accented letters are still too few, 8 are enough', async () => {
    const home = await tempHome()
    const short = await runMain(['add', '--name', 'Mine'], { env: sandboxEnv(sb, { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: 'ééééééé' }), stdin: userToken(sb) })
    expect(short.code).toBe(2)
    const enough = await runMain(['add', '--name', 'Mine'], { env: sandboxEnv(sb, { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: 'éééééééé' }), stdin: userToken(sb) })
    expect(enough.code).toBe(0)
  })

  it('a vault opened by its passphrase says so in diagnostics, not os-keystore', async () => {
    const home = await tempHome({ cheapKey: true })
    const env = sandboxEnv(sb, { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE })
    expect((await runMain(['add', '--name', 'Mine'], { env, stdin: userToken(sb) })).code).toBe(0)
    const diagnostics = await runMain(['diagnostics'], { env })
    expect(diagnostics.stdout).toContain('protection: passphrase')
    expect(diagnostics.stdout).not.toContain('os-keystore')
  })
})
