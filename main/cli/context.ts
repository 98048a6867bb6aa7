import type { TokenSummary } from '../../preload/api'
import { folderTrustProblems, trustRefusal } from '../core/folder-trust'
import { tokensDir } from '../core/home'
import { openSettings, type OpenedSettings } from '../core/settings'
import { toSummary, type TokenMeta } from '../core/tokens/record'
import { createNodeCipher, openVault, type NodeCipher, type Vault, type VaultEntry } from '../core/vault'
import type { Run } from './command'
import { UsageError } from './errors'
import { looksLikeToken } from './looks-like-token'

export { tokensDir }

/** Refuses, before any key or entry is read, a home another user could tamper with (folder-trust.ts). */
export async function requireTrustedHome(home: string): Promise<void> {
  const problems = await folderTrustProblems(home)
  if (problems.length > 0) throw new UsageError(trustRefusal(problems), 'folder-trust')
}

export interface Home {
  cipher: NodeCipher
  tokens: Vault<TokenMeta>
  /** Opened on first use: only the commands that need reminders or thresholds touch the file. */
  settings(): OpenedSettings
}

/**
 * Opens the cipher (a wrong passphrase rejects before anything is read or written) and the
 * token vault. With `needKey`, a vault without a key is a usage error that says what to set.
 */
export async function openHome(run: Run, options: { needKey: boolean; purpose: string; readOnly?: boolean }): Promise<Home> {
  const { config } = run
  const readOnly = options.readOnly === true
  await requireTrustedHome(config.home)
  const cipher = await createNodeCipher({
    home: config.home,
    passphrase: config.passphrase,
    ...(config.useKeyring ? {} : { keyring: null }),
    log: run.log,
    readOnly,
  })
  if (options.needKey && cipher.protection() === 'unavailable') {
    throw new UsageError(
      `Cannot ${options.purpose}: the vault has no key. ${cipher.unavailableReason ?? ''} ${config.passphrase ? '' : 'Set TOKEN_DESK_PASSPHRASE to a passphrase of your choice (the same one every time) so tokens are stored encrypted.'}`
        .replace(/\s+/g, ' ')
        .trim(),
      'vault-locked',
    )
  }
  let settings: OpenedSettings | null = null
  const openedSettings = (): OpenedSettings => {
    if (settings) return settings
    settings = openSettings({ dir: config.home, log: run.log })
    for (const notice of settings.notices) run.note(notice)
    return settings
  }
  // The desktop app's weak-storage opt-in (Linux basic_text) is in the shared settings; they
  // are opened only when it matters, so a read-only command on a strong vault writes nothing.
  const allowWeak = (): boolean => cipher.protection() === 'weak' && openedSettings().store.get().allowWeakSecretStorage
  const tokens = await openVault<TokenMeta>({ dir: tokensDir(config.home), cipher, allowWeak, log: run.log, readOnly })
  for (const problem of tokens.problems()) run.note(problem.message)
  return { cipher, tokens, settings: openedSettings }
}

/** Deletes a stored token and, as the app does, the reminders already shown for it: they mean nothing any more. */
export async function removeStored(home: Home, id: string): Promise<void> {
  await home.tokens.remove(id)
  home.settings().store.forgetReminders((key) => key.startsWith(`${id}:`))
}

/** As the app shows it: an entry whose secret cannot be read needs a new sign-in. */
export function summaryOf(entry: VaultEntry<TokenMeta>, meta: TokenMeta = entry.meta): TokenSummary {
  const summary = toSummary(entry.id, meta)
  if (entry.problem) {
    summary.status = 'needs-relogin'
    summary.problem = { reason: 'unreadable', code: null, subcode: null, message: entry.problem.message, fix: 'repaste' }
  }
  return summary
}

/** Entries whose secret could not be read this run, said once each on standard error; `lockedWhy` is the cipher's reason. */
export function noteEntryProblems(run: Run, entries: readonly VaultEntry<TokenMeta>[], lockedWhy: string | null = null): void {
  const locked = entries.filter((e) => e.problem?.reason === 'locked')
  const why = lockedWhy ?? (run.config.passphrase ? 'the vault key cannot be opened here now.' : 'set TOKEN_DESK_PASSPHRASE to open the vault.')
  if (locked.length > 0) run.note(`${locked.length} stored token(s) cannot be read now: ${why}`)
  for (const e of entries) if (e.problem && e.problem.reason !== 'locked') run.note(`${e.meta.name}: ${e.problem.message}`)
}

/** By exact id, then exact name, then a name that differs only in case; never a guess among several. */
export function findEntry(tokens: Vault<TokenMeta>, idOrName: string): VaultEntry<TokenMeta> {
  const all = tokens.list()
  const byId = all.find((e) => e.id === idOrName)
  if (byId) return byId
  const exact = all.filter((e) => e.meta.name === idOrName)
  const matches = exact.length > 0 ? exact : all.filter((e) => e.meta.name.toLowerCase() === idOrName.toLowerCase())
  const only = matches[0]
  if (only && matches.length === 1) return only
  if (matches.length > 1) {
    throw new UsageError(`Several stored tokens are named "${idOrName}": use the id instead (${matches.map((e) => e.id).join(', ')}).`, 'ambiguous')
  }
  const what = looksLikeToken(idOrName) ? 'that id or name' : `the id or name "${idOrName}"`
  throw new UsageError(`No stored token has ${what}. See token-desk list.`, 'not-found')
}
