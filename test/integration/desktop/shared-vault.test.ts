/**
 * One vault for the desktop app and the command line: the real desktop shell, composed with the
 * fake Electron (its safeStorage really encrypts), saves tokens through its IPC handlers; the
 * built `token-desk` binary, on the same folder, prints them; a token it adds shows up in the
 * shell's state; and a hundred adds beside the app's monitor lose nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { STATE_CHANNEL, type AppState } from '../../../preload/api'
import type { Env } from '../../../main/cli/config'
import { createNodeCipher, openVault } from '../../../main/core/vault'
import type { TokenMeta } from '../../../main/core/tokens/record'
import { ensureBuiltCli, expectAbsent, onlyJson, runBuilt, sandboxEnv, snapshotTree, startTestSandbox, userToken } from '../cli/support'
import { composeDesktop, DESKTOP_PASSPHRASE, type ComposedDesktop } from './composed'

let home: string
let desk: ComposedDesktop | null = null

beforeAll(() => ensureBuiltCli(), 120_000)
afterEach(async () => {
  await desk?.quit()
  desk = null
  await rm(home, { recursive: true, force: true })
})

function cliEnv(d: ComposedDesktop, extra: Env = {}): Env {
  const sb = d.sandbox()
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TOKEN_DESK_KEYRING: 'off',
    TOKEN_DESK_HOME: home,
    TOKEN_DESK_PASSPHRASE: DESKTOP_PASSPHRASE,
    TOKEN_DESK_APP_ID: sb.practiceApp.id,
    TOKEN_DESK_APP_SECRET: sb.practiceApp.secret,
    TOKEN_DESK_GRAPH_URL: sb.graphUrl,
    TOKEN_DESK_WWW_URL: sb.wwwUrl,
    TOKEN_DESK_RETRY_MAX_MS: '3000',
    ...extra,
  }
}

async function ok<T>(reply: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await reply
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

/** The last state the shell pushed to its window. */
function pushedState(d: ComposedDesktop): AppState | null {
  const sent = d.electron.BrowserWindow.instances[0]?.webContents.sent.filter((m) => m.channel === STATE_CHANNEL) ?? []
  return (sent.at(-1)?.args[0] as AppState | undefined) ?? null
}

async function until<T>(what: string, probe: () => T | null | undefined | false, timeoutMs = 10_000): Promise<T> {
  const ends = Date.now() + timeoutMs
  for (;;) {
    const value = probe()
    if (value) return value
    if (Date.now() > ends) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

/** Practice mode, then a user token pasted and its first two Pages saved, all through the IPC handlers. */
async function saveThroughIpc(d: ComposedDesktop): Promise<{ user: string; state: AppState }> {
  await ok(d.invoke('startPractice', {}))
  await ok(d.invoke('choosePurpose', { purpose: 'manage-pages' }))
  const user = d.sandbox().issueToken({ kind: 'USER', lifetime: 'long' })
  const pasted = await ok(d.invoke('pasteToken', { token: user }))
  if (pasted.wizard.step !== 'pages') throw new Error(`expected the pages step, got ${pasted.wizard.step}`)
  const state = await ok(d.invoke('savePages', { pageIds: pasted.wizard.pages.slice(0, 2).map((p) => p.id), saveUserToken: true }))
  return { user, state }
}

describe('the desktop app and token-desk share one vault', () => {
  it('token-desk prints what the window saved, and what token-desk adds shows up in the window', async () => {
    home = await mkdtemp(join(tmpdir(), 'token-desk-shared-'))
    desk = await composeDesktop(home)
    const { user, state } = await saveThroughIpc(desk)
    const userEntry = state.tokens.find((t) => t.kind === 'USER')!
    const pageEntry = state.tokens.find((t) => t.kind === 'PAGE')!
    expect(state.tokens.map((t) => t.kind).sort()).toEqual(['PAGE', 'PAGE', 'USER'])
    expect(state.storage).toMatchObject({ protection: 'os-keystore', persisting: true, backend: 'safeStorage:gnome_libsecret + a passphrase' })

    const printed = await runBuilt(['token', userEntry.name], { env: cliEnv(desk) })
    expect(printed, printed.stderr).toMatchObject({ code: 0, stdout: `${user}\n` })
    const byId = await runBuilt(['token', pageEntry.id, '--json'], { env: cliEnv(desk) })
    expect(byId.code, byId.stderr).toBe(0)
    const pageToken = (onlyJson(byId.stdout) as { token: string }).token
    expect(pageToken.slice(-4)).toBe(pageEntry.last4)

    // The other way: a token stored from a script appears in the running app without a restart.
    const page = desk.sandbox().pages[2]!
    const scripted = desk.sandbox().issueToken({ kind: 'PAGE', pageId: page.id, lifetime: 'long' })
    const added = await runBuilt(['add', '--name', 'Added by cron', '--json'], { env: cliEnv(desk), stdin: scripted })
    expect(added.code, added.stderr).toBe(0)
    const addedId = (onlyJson(added.stdout) as { id: string }).id
    const seen = await until('the shell to show the added token', () => pushedState(desk!)?.tokens.find((t) => t.id === addedId))
    expect(seen).toMatchObject({ name: 'Added by cron', kind: 'PAGE', last4: scripted.slice(-4), status: 'valid' })
    expect(desk.shell.core.state().tokens.map((t) => t.id)).toContain(addedId)
    // The tray follows too, and the app can use the token it did not store itself.
    expect(desk.electron.Tray.instances[0]!.tooltip).not.toBe('')
    await ok(desk.invoke('checkNow', { id: addedId }))

    // Nothing readable on disk, in the shell's log, or in what the CLI printed besides the token itself.
    const secrets = [user, pageToken, scripted, DESKTOP_PASSPHRASE, desk.sandbox().practiceApp.secret]
    for (const [path, bytes] of await snapshotTree(home)) {
      try {
        expectAbsent(Buffer.from(bytes, 'base64').toString('latin1'), secrets)
      } catch (error) {
        throw new Error(`${path}: ${(error as Error).message}`)
      }
    }
    expectAbsent(JSON.stringify(desk.logs) + added.stdout + added.stderr + printed.stderr, secrets)
  })

  it('a vault token-desk made with only a passphrase opens in the window with unlockVault, and the next start needs no passphrase', async () => {
    home = await mkdtemp(join(tmpdir(), 'token-desk-shared-'))
    const sb = await startTestSandbox()
    try {
      const token = userToken(sb)
      const added = await runBuilt(['add', '--name', 'Cron token', '--json'], { env: sandboxEnv(sb, { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: DESKTOP_PASSPHRASE }), stdin: token })
      expect(added.code, added.stderr).toBe(0)
      desk = await composeDesktop(home, { passphrase: null })
      const locked = desk.shell.core.state()
      expect(locked.storage).toMatchObject({ protection: 'unavailable', unlock: 'passphrase' })
      const wrong = await desk.invoke('unlockVault', { passphrase: 'not the passphrase' })
      expect(wrong).toEqual({ ok: false, error: { code: 'invalid-input', message: 'That passphrase does not open this vault. Nothing was changed.' } })
      const open = await ok(desk.invoke('unlockVault', { passphrase: DESKTOP_PASSPHRASE }))
      expect(open.storage).toMatchObject({ protection: 'passphrase', persisting: true, unlock: null, scriptPassphrase: 'set' })
      expect(open.tokens.map((t) => [t.name, t.last4, t.status === 'needs-relogin'])).toEqual([['Cron token', token.slice(-4), false]])
      expect(pushedState(desk)?.storage.unlock).toBeNull()
      await desk.quit()

      // Unlocking added a slot for this computer's (strong) safeStorage, as a start with the passphrase would.
      desk = await composeDesktop(home, { passphrase: null })
      expect(desk.shell.core.state().storage).toMatchObject({ protection: 'os-keystore', unlock: null, scriptPassphrase: 'set' })
      expect(desk.shell.core.state().tokens.find((t) => t.name === 'Cron token')?.status).not.toBe('needs-relogin')
      expectAbsent(JSON.stringify(desk.logs) + added.stdout + added.stderr, [DESKTOP_PASSPHRASE, token])
    } finally {
      await sb.close()
    }
  }, 60_000)

  it('a hundred token-desk adds while the app’s monitor writes check results: nothing lost', async () => {
    home = await mkdtemp(join(tmpdir(), 'token-desk-shared-'))
    const ADDS = 100
    desk = await composeDesktop(home, { pageCount: ADDS + 5 })
    await saveThroughIpc(desk)
    const sb = desk.sandbox()
    const pages = sb.pages.slice(-ADDS)
    const issued = new Map(pages.map((p, i) => [`Scripted ${i}`, sb.issueToken({ kind: 'PAGE', pageId: p.id, lifetime: 'long' })]))

    // The app's monitor: check after check, each writing a result for every token it knows.
    let checking = true
    let checks = 0
    const monitor = (async () => {
      while (checking) {
        await ok(desk.invoke('checkNow', {}))
        checks++
        // A breath between checks: the sandbox answering the scripts runs in this process too.
        await new Promise((r) => setTimeout(r, 50))
      }
    })()
    // Four scripts at a time, as cron jobs might overlap.
    const names = [...issued.keys()]
    const lanes = Array.from({ length: 4 }, async (_, lane) => {
      for (let i = lane; i < names.length; i += 4) {
        const name = names[i]!
        const result = await runBuilt(['add', '--name', name, '--json'], { env: cliEnv(desk!), stdin: issued.get(name)! })
        expect(result.code, `${name}: ${result.stderr}`).toBe(0)
      }
    })
    await Promise.all(lanes)
    checking = false
    await monitor
    expect(checks).toBeGreaterThan(3)

    // The app sees every one, with the secret the script stored.
    const core = desk.shell.core
    await ok(desk.invoke('checkNow', {}))
    const listed = core.state().tokens.filter((t) => t.name.startsWith('Scripted '))
    expect(listed).toHaveLength(ADDS)
    const lastCheck = core.state().lastCheckAt
    expect(lastCheck).not.toBeNull()

    // And so does a fresh reader of the folder: every entry, every secret, the monitor's last results.
    const reader = await openVault<TokenMeta>({
      dir: join(home, 'vault', 'tokens'),
      cipher: await createNodeCipher({ home, passphrase: DESKTOP_PASSPHRASE, keyring: null }),
      allowWeak: () => false,
    })
    expect(reader.problems()).toEqual([])
    const onDisk = reader.list()
    expect(onDisk.filter((e) => e.meta.name.startsWith('Scripted '))).toHaveLength(ADDS)
    for (const entry of onDisk.filter((e) => e.meta.name.startsWith('Scripted '))) {
      expect(await reader.getSecret(entry.id)).toBe(issued.get(entry.meta.name))
      expect(entry.meta.lastCheckedAt).not.toBeNull()
    }
    for (const entry of onDisk) expect(entry.meta.status).toBe('valid')
    expect(onDisk).toHaveLength(3 + ADDS)
    expect(new Set(onDisk.map((e) => e.meta.name)).size).toBe(onDisk.length)
  }, 240_000)
})
