import type { TokenSummary } from '../../preload/api'
import { folderTrustProblems, trustRefusal } from '../core/folder-trust'
import { tokensDir } from '../core/home'
import { openSettings, type OpenedSettings } from '../core/settings'
import { toSummary, type TokenMeta } from '../core/tokens/record'
import { createNodeCipher, openVault, type NodeCipher, type Vault, type VaultEntry } from '../core/vault'
import { createDeliveries, type Deliveries, type DeliveryReport } from '../core/deliveries'
import type { Run } from './command'
import { UsageError } from './errors'
import { looksLikeToken } from './looks-like-token'

export { tokensDir }

/**
 * What opens a vault whose key is not available here, by what its key file holds: a passphrase
 * slot (the cipher's own reason already says to set TOKEN_DESK_PASSPHRASE), no key yet (any
 * passphrase makes one), or only slots this machine cannot open (the app adds a passphrase).
 */
function vaultKeyFix(cipher: NodeCipher): string {
  if (cipher.passphraseUse() === 'unlock') return ''
  if (cipher.keyHolders() === 'none') return 'Set TOKEN_DESK_PASSPHRASE to a passphrase of your choice (the same one every time) so tokens are stored encrypted.'
  return 'To open it here, give the vault a passphrase in the app (Settings > Passphrase for scripts) and set TOKEN_DESK_PASSPHRASE to it.'
}

/** Refuses, before any key or entry is read, a home another user could tamper with (folder-trust.ts). */
export async function requireTrustedHome(home: string): Promise<void> {
  const problems = await folderTrustProblems(home)
  if (problems.length > 0) throw new UsageError(trustRefusal(problems), 'folder-trust')
}

export interface Home {
  cipher: NodeCipher
  /** Every new secret stored through it is delivered to the token's destinations (core/deliveries). */
  tokens: Vault<TokenMeta>
  deliveries: Deliveries
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
    throw new UsageError(`Cannot ${options.purpose}: the vault has no key. ${cipher.unavailableReason ?? ''} ${vaultKeyFix(cipher)}`.replace(/\s+/g, ' ').trim(), 'vault-locked')
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
  const deliveries = createDeliveries(await openVault<TokenMeta>({ dir: tokensDir(config.home), cipher, allowWeak, log: run.log, readOnly }), {
    env: run.io.env,
    now: Date.now,
    log: run.log,
    ...(config.commandTimeoutMs ? { timeoutMs: config.commandTimeoutMs } : {}),
  })
  // What a renewal, rotation or mint delivered is said on standard error; `deliver` prints its own.
  deliveries.onReport((report) => {
    if (report.trigger === 'new-secret') for (const line of deliveryLines(report)) run.note(line)
  })
  const tokens = deliveries.vault
  for (const problem of tokens.problems()) run.note(problem.message)
  return { cipher, tokens, deliveries, settings: openedSettings }
}

/** One line per destination: delivered, or not and why (with the fix); then each refused entry. */
export function deliveryLines(report: DeliveryReport): string[] {
  return [
    ...report.results.map((r) => (r.ok ? `Delivered ${report.name} to ${r.where}.` : `Could not deliver ${report.name} to ${r.where}: ${r.message}${r.fix ? ` ${r.fix}` : ''}`)),
    ...report.refused.map((r) => `A destination of ${report.name} is refused: ${r.reason}.`),
  ]
}

/** Deletes a stored token and, as the app does, the reminders already shown for it: they mean nothing any more. */
export async function removeStored(home: Home, id: string): Promise<void> {
  await home.tokens.remove(id)
  home.settings().store.forgetReminders((key) => key.startsWith(`${id}:`))
}

/**
 * As the app shows it: an entry whose secret cannot be read needs a new sign-in. One kept locked
 * (the vault key is missing, not the token) keeps what was last checked: the token is fine.
 */
export function summaryOf(entry: VaultEntry<TokenMeta>, meta: TokenMeta = entry.meta): TokenSummary {
  const summary = toSummary(entry.id, meta)
  if (entry.problem && entry.problem.reason !== 'locked') {
    summary.status = 'needs-relogin'
    summary.problem = { reason: 'unreadable', code: null, subcode: null, message: entry.problem.message, fix: 'repaste' }
  }
  return summary
}

/**
 * Entries whose secret could not be read this run, said once each on standard error; a missing
 * vault key once for all. Answers how many were kept locked.
 */
export function noteEntryProblems(run: Run, entries: readonly VaultEntry<TokenMeta>[], home?: Home): number {
  const locked = entries.filter((e) => e.problem?.reason === 'locked')
  if (locked.length > 0) {
    const why = home?.cipher.unavailableReason ?? ''
    const which = locked.length === 1 ? 'The 1 stored token is' : `The ${locked.length} stored tokens are`
    run.note(`The vault key is missing, so no stored token can be read or used now. ${why} ${which} listed as last checked. ${home ? vaultKeyFix(home.cipher) : ''}`.replace(/\s+/g, ' ').trim())
  }
  for (const e of entries) if (e.problem && e.problem.reason !== 'locked') run.note(`${e.meta.name}: ${e.problem.message}`)
  return locked.length
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
