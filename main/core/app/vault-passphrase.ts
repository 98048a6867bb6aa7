import type { AppState, Input } from '../../../preload/api'
import { systemClock } from '../ports'
import { passphraseDoor, VaultKeyFileError, VaultPassphraseError, WRONG_PASSPHRASE_HERE, WrongPassphraseError, type PassphraseDoor } from '../vault'
import type { AppContext } from './context'
import { AppError } from './errors'
import { APP_SECRET_UNREADABLE, restoreProduction } from './setup'
import { buildState } from './state'
import { serial } from '../vault/serial'
import { practiceKeptVault } from './practice-kept'

/** Wrong passphrases are free this many times; then each costs a wait that doubles, up to a minute. */
const FREE_TRIES = 3
const MAX_WAIT_S = 60
const tries = new WeakMap<AppContext, { failures: number; until: number }>()
/** One unlock at a time per app: each scrypt run is counted before the next one may start. */
const gates = new WeakMap<AppContext, <T>(run: () => Promise<T>) => Promise<T>>()
const gateOf = (ctx: AppContext): (<T>(run: () => Promise<T>) => Promise<T>) => {
  let gate = gates.get(ctx)
  if (!gate) {
    gate = serial()
    gates.set(ctx, gate)
  }
  return gate
}

export const SCRIPTS_CAN_OPEN =
  'Scripts can now open this vault: set TOKEN_DESK_PASSPHRASE to the passphrase you chose when you run token-desk.'
export const VAULT_UNLOCKED = 'The vault is open: your saved tokens can be used again.'
export const VAULT_KEPT =
  'Your tokens are now saved, encrypted with your passphrase. Token Desk asks for it when it starts; scripts run token-desk with it in TOKEN_DESK_PASSPHRASE.'

function door(ctx: AppContext): PassphraseDoor {
  const found = passphraseDoor(ctx.deps.cipher)
  if (!found) throw new AppError('not-allowed', 'This storage has no passphrase.')
  return found
}

const now = (ctx: AppContext): number => (ctx.deps.clock ?? systemClock).now()

/** The refusal while a wait after repeated wrong passphrases runs: no scrypt run, nothing read. */
function waitOut(ctx: AppContext): void {
  const seen = tries.get(ctx)
  const left = seen ? Math.ceil((seen.until - now(ctx)) / 1000) : 0
  if (left > 0) throw new AppError('not-allowed', `Too many wrong passphrases. Try again in ${left} second${left === 1 ? '' : 's'}.`)
}

/**
 * Counts a try before its scrypt run, as if it were wrong (issue 20, item 4): a right passphrase
 * clears the count after. Refusals during a wait are not tries, so the wait a refusal promises
 * is never made longer by the tries that were refused.
 */
function countTry(ctx: AppContext): { failures: number; until: number } | undefined {
  const before = tries.get(ctx)
  const failures = (before?.failures ?? 0) + 1
  const waitS = failures < FREE_TRIES ? 0 : Math.min(MAX_WAIT_S, 2 ** (failures - FREE_TRIES))
  tries.set(ctx, { failures, until: now(ctx) + waitS * 1000 })
  return before
}

/**
 * What the token vault says of itself, as notices: each entry it could not use. How tokens are
 * kept is the storage banner's to say (state.storage), once: a notice beside it said it twice.
 */
export function noticeVaultState(ctx: AppContext): void {
  for (const p of ctx.tokens.problems()) ctx.notice('warning', p.message)
}

/** Writes what was held in memory now that the key can be used, in both vaults. */
async function saveWhatWasInMemory(ctx: AppContext): Promise<void> {
  for (const store of [ctx.tokens, ctx.secrets, practiceKeptVault(ctx)]) {
    if (!store) continue
    await store.reopen()
    await store.reconcile()
  }
}

/**
 * Opens a vault that started locked (its key only in a passphrase slot, as `token-desk` makes
 * it where there is no OS keyring) with the passphrase typed in the window. Then everything
 * start() would have done with an open vault: entries read again, memory-only secrets saved,
 * the App Secret read, the locked notice gone, and a check of every token.
 */
export function unlockVault(ctx: AppContext, input: Input<'unlockVault'>): Promise<AppState> {
  // Concurrent calls (a script on the web host's bridge) wait their turn, so the throttle sees each.
  return gateOf(ctx)(() => unlockOnce(ctx, input))
}

async function unlockOnce(ctx: AppContext, input: Input<'unlockVault'>): Promise<AppState> {
  const vault = door(ctx)
  const use = vault.passphraseUse()
  if (use === 'add' || use === 'set') throw new AppError('not-allowed', 'The vault is already open.')
  if (use !== 'unlock') throw new AppError('not-allowed', 'This vault has no passphrase that opens it here.')
  waitOut(ctx)
  const before = countTry(ctx)
  try {
    await vault.unlockWithPassphrase(input.passphrase)
  } catch (error) {
    if (error instanceof WrongPassphraseError) throw new AppError('invalid-input', WRONG_PASSPHRASE_HERE)
    // Not a guess that failed: the count is as it was.
    if (before) tries.set(ctx, before)
    else tries.delete(ctx)
    if (error instanceof VaultPassphraseError) throw new AppError('not-allowed', error.message)
    // Plain words with no secret in them: the key file is damaged and was left as it is.
    if (error instanceof VaultKeyFileError) throw new AppError('failed', `The vault key file cannot be used: ${error.message}`)
    throw error
  }
  tries.delete(ctx)
  await saveWhatWasInMemory(ctx)
  ctx.notices = ctx.notices.filter((n) => n.message !== APP_SECRET_UNREADABLE)
  noticeVaultState(ctx)
  if (!ctx.graph) await restoreProduction(ctx)
  ctx.notice('info', VAULT_UNLOCKED)
  void ctx.monitor.start()
  return buildState(ctx)
}

/**
 * Adds a passphrase slot so `token-desk` can open this vault with TOKEN_DESK_PASSPHRASE; where
 * nothing could hold the vault's key ('create'), makes the key with it, then writes the tokens
 * held in memory until now, encrypted.
 */
export async function addVaultPassphrase(ctx: AppContext, input: Input<'addVaultPassphrase'>): Promise<AppState> {
  const vault = door(ctx)
  const use = vault.passphraseUse()
  if (use === 'set') throw new AppError('not-allowed', 'A passphrase already opens this vault for the command line. Nothing was changed.')
  if (use !== 'add' && use !== 'create') throw new AppError('not-allowed', 'The vault is not open here, so no passphrase can be added to it.')
  try {
    if (use === 'add') await vault.addPassphrase(input.passphrase)
    else if (vault.createWithPassphrase) await vault.createWithPassphrase(input.passphrase)
    else throw new AppError('not-allowed', 'This storage cannot be kept with a passphrase.')
  } catch (error) {
    if (error instanceof VaultPassphraseError) throw new AppError('not-allowed', error.message)
    throw error
  }
  if (use === 'create') {
    await saveWhatWasInMemory(ctx)
    if (!ctx.graph) await restoreProduction(ctx)
  }
  ctx.notice('info', use === 'create' ? VAULT_KEPT : SCRIPTS_CAN_OPEN)
  return buildState(ctx)
}
