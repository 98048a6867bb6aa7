import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { TokenSummary } from '../../preload/api'
import { openSettings, type OpenedSettings } from '../core/settings'
import { toSummary, type TokenMeta } from '../core/tokens/record'
import { createNodeCipher, KEYRING_BACKEND, openVault, PASSPHRASE_BACKEND, type NodeCipher, type Vault, type VaultEntry } from '../core/vault'
import type { Run } from './command'
import { UsageError } from './errors'
import { looksLikeToken } from './looks-like-token'

/** The folders createAppCore uses, so the desktop app and the web host see the same tokens. */
export const tokensDir = (home: string): string => join(home, 'vault', 'tokens')
export const appSecretDir = (home: string): string => join(home, 'vault', 'app')

export interface Home {
  cipher: NodeCipher
  tokens: Vault<TokenMeta>
  /** Opened on first use: only the commands that need reminders or thresholds touch the file. */
  settings(): OpenedSettings
}

const NODE_BACKENDS = new Set([KEYRING_BACKEND, PASSPHRASE_BACKEND])

/**
 * The desktop app encrypts with Electron's safeStorage, which Node cannot open. The vault would
 * set every such entry aside as unreadable; refuse instead, and leave the files as they are.
 */
export async function refuseForeignVault(dirs: readonly string[]): Promise<void> {
  for (const dir of dirs) {
    const names = await readdir(dir).catch(() => [] as string[])
    for (const name of names.filter((n) => /^[A-Za-z0-9_-]{1,64}\.json$/.test(n))) {
      let backend: unknown
      try {
        backend = (JSON.parse(await readFile(join(dir, name), 'utf8')) as { secret?: { backend?: unknown } | null }).secret?.backend
      } catch {
        continue // The vault itself reports and sets aside a damaged file.
      }
      if (typeof backend === 'string' && !NODE_BACKENDS.has(backend)) {
        throw new UsageError(
          `The tokens in ${dir} were saved by the Token Desk desktop app (${backend}), which the command line cannot decrypt. They were left as they are. Use the desktop app for them, or set TOKEN_DESK_HOME to another folder for the command line.`,
          'vault-foreign',
        )
      }
    }
  }
}

/**
 * Opens the cipher (a wrong passphrase rejects before anything is read or written) and the
 * token vault. With `needKey`, a vault without a key is a usage error that says what to set.
 */
export async function openHome(run: Run, options: { needKey: boolean; purpose: string }): Promise<Home> {
  const { config } = run
  // Before the cipher: on first use it writes vault-key.json, and a refused home stays untouched.
  await refuseForeignVault([tokensDir(config.home)])
  const cipher = await createNodeCipher({
    home: config.home,
    passphrase: config.passphrase,
    ...(config.useKeyring ? {} : { keyring: null }),
    log: run.log,
  })
  if (options.needKey && cipher.protection() === 'unavailable') {
    throw new UsageError(
      `Cannot ${options.purpose}: the vault has no key. ${cipher.unavailableReason ?? ''} Set TOKEN_DESK_PASSPHRASE to a passphrase of your choice (the same one every time) so tokens are stored encrypted.`.replace(/\s+/g, ' '),
      'vault-locked',
    )
  }
  const tokens = await openVault<TokenMeta>({ dir: tokensDir(config.home), cipher, allowWeak: () => false, log: run.log })
  for (const problem of tokens.problems()) run.note(problem.message)
  let settings: OpenedSettings | null = null
  return {
    cipher,
    tokens,
    settings: () => {
      if (settings) return settings
      settings = openSettings({ dir: config.home, log: run.log })
      for (const notice of settings.notices) run.note(notice)
      return settings
    },
  }
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

/** Entries whose secret could not be read this run, said once each on standard error. */
export function noteEntryProblems(run: Run, entries: readonly VaultEntry<TokenMeta>[]): void {
  const locked = entries.filter((e) => e.problem?.reason === 'locked')
  if (locked.length > 0) run.note(`${locked.length} stored token(s) cannot be read now: set TOKEN_DESK_PASSPHRASE to open the vault.`)
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
