import { access, constants, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { buildDiagnostics, tailLogLines } from '../core/diagnostics/report'
import { folderTrustProblems, pathTrustProblem, realHome } from '../core/folder-trust'
import { desktopLogFile, rotatedPath } from '../core/logging/file-log'
import { describeEnvProxy } from '../core/net/env-fetch'
import { deserializeSettings } from '../core/settings'
import { KEY_FILE, LEGACY_KEYRING_BACKEND, LEGACY_PASSPHRASE_BACKEND, nodeFs, readKeySlots, slotHolders, slotsProtection, VAULT_BACKEND } from '../core/vault'
import type { Command, Run } from './command'
import { tokensDir } from './context'
import { EXIT } from './errors'

const LEGACY_PROTECTION: Record<string, string> = { keyring: 'os-keystore', scrypt: 'passphrase (a key derived from TOKEN_DESK_PASSPHRASE)' }

/** Read from the slots alone: a vault whose key only a passphrase holds is not an OS keystore (issue 20, item 12). */
const fileProtection = (file: NonNullable<Awaited<ReturnType<typeof readKeySlots>>>): string =>
  file.slots.length > 0 && file.slots.every((s) => s.kind === 'passphrase') ? 'passphrase (a key derived from TOKEN_DESK_PASSPHRASE)' : slotsProtection(file)

/** The vault key's slots, in words: where the data key is kept, and how well. */
async function keyFacts(home: string): Promise<{ backend: string; protection: string }> {
  let file: Awaited<ReturnType<typeof readKeySlots>>
  try {
    file = await readKeySlots(nodeFs, home)
  } catch {
    return { backend: `${VAULT_BACKEND} (its key file is damaged)`, protection: 'unreadable' }
  }
  if (file) {
    return { backend: `${VAULT_BACKEND}, key kept by ${slotHolders(file).join(' + ')}`, protection: fileProtection(file) }
  }
  // A vault from before the shared key: the command line's own key file, until it is migrated.
  let kdf: string | null = null
  try {
    kdf = (JSON.parse(await readFile(join(home, KEY_FILE), 'utf8')) as { kdf?: unknown }).kdf as string
  } catch {
    kdf = null
  }
  return {
    backend: kdf === 'keyring' ? `${LEGACY_KEYRING_BACKEND} (before the shared vault)` : kdf === 'scrypt' ? `${LEGACY_PASSPHRASE_BACKEND} (before the shared vault)` : 'no vault key yet',
    protection: (kdf && LEGACY_PROTECTION[kdf]) ?? 'not set up',
  }
}

/** What protects the vault, read from its files only: diagnostics opens no key and writes nothing. */
async function storageFacts(run: Run): Promise<{ backend: string; protection: string; note: string | null }> {
  const { home } = run.config
  const backends = new Map<string, number>()
  for (const name of await readdir(tokensDir(home)).catch(() => [] as string[])) {
    if (!name.endsWith('.json')) continue
    try {
      const backend = (JSON.parse(await readFile(join(tokensDir(home), name), 'utf8')) as { secret?: { backend?: unknown } | null }).secret?.backend
      if (typeof backend === 'string') backends.set(backend, (backends.get(backend) ?? 0) + 1)
    } catch {
      backends.set('unreadable file', (backends.get('unreadable file') ?? 0) + 1)
    }
  }
  const saved = [...backends].map(([b, n]) => `${n} × ${b}`).join(', ')
  return {
    ...(await keyFacts(home)),
    note: `tokens saved with: ${saved || 'none'}; TOKEN_DESK_PASSPHRASE ${run.config.passphrase ? 'is set' : 'is not set'}`,
  }
}

async function settingsFacts(home: string): Promise<Record<string, unknown>> {
  try {
    const data = deserializeSettings(await readFile(join(home, 'settings.json'), 'utf8'))
    return { ...data.settings, mode: data.app.mode, appId: data.app.appId, appType: data.app.appType, apiVersion: data.app.apiVersion, redirectUri: data.app.redirectUri }
  } catch (error) {
    return { file: (error as { code?: unknown }).code === 'ENOENT' ? 'none yet (defaults)' : 'unreadable (the app sets it aside at its next start)' }
  }
}

export const diagnostics: Command = {
  name: 'diagnostics',
  summary: 'What to paste into a bug report: versions, system, storage, settings, recent log lines (redacted)',
  help: `Usage: token-desk diagnostics [--json] [--log-file PATH]

Prints the same report as "Copy diagnostics" in the app's Settings: the Token Desk, Node and
system versions, how the vault under TOKEN_DESK_HOME is protected, the settings (never a
secret), the proxy variables in use, and the last 200 lines of the desktop app's log
(TOKEN_DESK_HOME/logs) and of the file --log-file names. Every line passes the redactor: no
token, secret or code is printed. Reads only; changes nothing. --json prints the same as JSON.`,
  options: {},
  async run(run) {
    const { home } = run.config
    const desktop = desktopLogFile(home)
    const files = [rotatedPath(desktop), desktop, ...(run.logFile ? run.logFile.files() : [])]
    const found: string[] = []
    const root = await realHome(home)
    const untrusted = await folderTrustProblems(home)
    // Which exist, can be read and are trusted; tailLogLines reads them once, after. A log that is
    // a link out of the home is never quoted (issue 20, item 11: logs/main.log -> /etc/shadow).
    for (const f of files) {
      const desktopOwn = f === desktop || f === rotatedPath(desktop)
      const problem = desktopOwn ? await pathTrustProblem(f, root) : null
      if (problem) untrusted.push(`${problem}: not quoted`)
      else if (await access(f, constants.R_OK).then(() => true, () => false)) found.push(f)
    }
    const report = buildDiagnostics({
      host: 'command line',
      generatedAt: new Date(),
      storage: await storageFacts(run),
      settings: await settingsFacts(home),
      details: { home, network: describeEnvProxy(run.io.env), folderTrust: untrusted.length > 0 ? untrusted.join('; ') : 'ok' },
      logLines: await tailLogLines(found),
      logSources: found,
    })
    return { exitCode: EXIT.ok, data: report.data, text: report.text.trimEnd() }
  },
}
