import { metaFromInfo } from '../app/token-meta'
import { GraphError, toProblem, type GraphClient, type TokenDebugInfo } from '../graph'
import { registerSecret } from '../redact'
import { revokeAtFacebook, type RevokeDeps, type RevokeOutcome } from '../revoke'
import type { TokenMeta } from '../tokens/record'
import { UseCaseError, type UseCaseExit } from '../use-case-error'
import type { Vault, VaultEntry } from '../vault'
import { replacementProblem } from './verify'

/** A fresh token for the same person, Page or system user, with what debug_token said of it. */
export interface Replacement {
  token: string
  info: TokenDebugInfo
}

export interface RotationPorts {
  graph: GraphClient
  vault: Vault<TokenMeta>
  appId: string
  now(): number
  /** Gets a new token for the identity: a login (user, Page) or a mint (system user). */
  replacement(attempt: 1 | 2): Promise<Replacement>
  /**
   * Whether `replacement` may run again in this run once the revoke ended the first one too
   * (Facebook revokes a whole login, or all of a system user's tokens, at once). A login in a
   * browser needs the person's click, so there it may not; a mint may.
   */
  canReplaceAgain: boolean
  /** Extra tokens the revoke may use, read when it runs (a login made for the replacement). */
  revoke?(): Omit<RevokeDeps, 'graph'>
  /** Runs after a new token is stored (the Page tokens of a new user token). */
  afterStore?(entryId: string, token: string): Promise<string[]>
  progress?(line: string): void
}

export interface RotationResult {
  entryId: string
  name: string
  /** done: a working replacement is stored and the old token is revoked. */
  status: 'done' | 'needs-replacement' | 'revoked-without-replacement'
  replacements: number
  revoke: RevokeOutcome
  /** Where the token must be updated: the person's notes of this and every renewed token. */
  updateIn: { name: string; usedIn: string }[]
  renewed: string[]
  /** What the person must do next, in plain words, when not done. */
  next: string | null
}

export class RotateError extends UseCaseError {
  override readonly name = 'RotateError'
}

function replacementMeta(old: TokenMeta, info: TokenDebugInfo, token: string, now: number): TokenMeta {
  const fresh = metaFromInfo({ info, last4: token.slice(-4), name: old.name, purpose: old.purpose, parentId: old.parentId, now, ...(old.tasks ? { tasks: old.tasks } : {}) })
  return { ...fresh, ...(old.usedIn ? { usedIn: old.usedIn } : {}), ...(old.systemUser ? { systemUser: old.systemUser } : {}), ...(old.configId ? { configId: old.configId } : {}) }
}

const failedExit = (error: unknown): UseCaseExit => {
  if (error instanceof UseCaseError) return error.exit
  return error instanceof GraphError && ['network', 'transient', 'throttled'].includes(error.kind) ? 'graph' : 'invalid-token'
}
const reasonOf = (error: unknown): string =>
  error instanceof UseCaseError ? error.words : error instanceof GraphError ? `${error.message} ${error.action}` : 'it could not be made.'

/**
 * Replaces a token that may have leaked: a verified replacement first, stored in place of the
 * old one, then the old one revoked and the revoke verified. A failure before the revoke took
 * effect leaves the old token stored and working. With `revokeFirst` (the person's choice) the
 * old token is revoked before any replacement exists.
 */
export async function rotateToken(ports: RotationPorts, entryId: string, options: { revokeFirst?: boolean } = {}): Promise<RotationResult> {
  const entry = ports.vault.get(entryId)
  const old = await ports.vault.getSecret(entryId)
  if (!entry || old === null) throw new RotateError('not-found', 'That token cannot be read from the vault.', 'Paste it again or sign in again.', 'usage', 'invalid-input')
  if (entry.meta.kind === 'APP') throw new RotateError('not-rotatable', 'An app token is replaced by resetting the App Secret (App Dashboard > Settings > Basic).', '', 'usage', 'not-allowed')
  // Rotation ends the old token, and Token Desk cannot end this kind (revoke-effect.ts).
  if (entry.meta.kind === 'BUSINESS_INTEGRATION') {
    throw new RotateError('not-rotatable', 'A business integration token cannot be rotated here: Token Desk cannot end the old one.', 'Log in again through the configuration for a new one, then have the business remove and reconnect the app under Business Settings > Integrations > Connected apps to end the old.', 'usage', 'not-allowed')
  }
  const say = (line: string): void => ports.progress?.(line)
  const revokeDeps = (): RevokeDeps => ({ graph: ports.graph, ...ports.revoke?.() })
  const target = { token: old, kind: entry.meta.kind, userId: entry.meta.userId }

  if (options.revokeFirst) {
    say('Revoking the old token at Facebook first, as you chose…')
    const revoke = await revokeOrExplain(revokeDeps(), target, 'Nothing was changed: the old token is still stored.')
    const done = await tryReplace(ports, entry, 1)
    if (!done.ok) return endedWithout(ports, entry, revoke, 'revoked-without-replacement', done.why)
    return finished(ports, entry, revoke, 1, await stored(ports, entry, done.replacement))
  }

  say('Getting the replacement…')
  const first = await tryReplace(ports, entry, 1)
  if (!first.ok) {
    throw new RotateError('replacement-refused', `No replacement was stored: ${first.why}`, 'Nothing was changed: the old token is still stored and still works.', failedExit(first.error))
  }
  say('Storing the replacement in place of the old token…')
  await ports.vault.put({ id: entry.id, meta: replacementMeta(entry.meta, first.replacement.info, first.replacement.token, ports.now()), secret: first.replacement.token })
  say('Revoking the old token at Facebook…')
  let revoke: RevokeOutcome
  try {
    revoke = await revokeAtFacebook(revokeDeps(), target)
  } catch (error) {
    // Put the old token back: it still works, and it is the one in use where the person noted.
    await ports.vault.put({ id: entry.id, meta: entry.meta, secret: old })
    throw new RotateError('revoke-failed', `Revoking the old token failed: ${reasonOf(error)}`, 'Nothing was changed: the old token is back in place and still works. Try again.', 'graph')
  }
  let survivor: TokenDebugInfo
  try {
    survivor = await ports.graph.debugToken(first.replacement.token)
  } catch {
    // The revoke is done and verified; only the replacement's standing is unknown for now.
    const result = finished(ports, entry, revoke, 1, [])
    return { ...result, next: 'Could not confirm that the replacement survived the revoke: Token Desk checks it again at the next check.' }
  }
  if (survivor.isValid) return finished(ports, entry, revoke, 1, await afterStore(ports, entry.id, first.replacement.token))

  // Facebook ended the replacement together with the old token: one more is needed.
  if (ports.canReplaceAgain) {
    say('Facebook ended the replacement with the old token; getting another…')
    const second = await tryReplace(ports, entry, 2)
    if (second.ok) return finished(ports, entry, revoke, 2, await stored(ports, entry, second.replacement))
    return endedWithout(ports, entry, revoke, 'needs-replacement', second.why, first.replacement, survivor)
  }
  return endedWithout(ports, entry, revoke, 'needs-replacement', null, first.replacement, survivor)
}

async function revokeOrExplain(deps: RevokeDeps, target: Parameters<typeof revokeAtFacebook>[1], nothing: string): Promise<RevokeOutcome> {
  try {
    return await revokeAtFacebook(deps, target)
  } catch (error) {
    throw new RotateError('revoke-failed', `Revoking the old token failed: ${reasonOf(error)}`, `${nothing} Try again.`, 'graph')
  }
}

type Attempt = { ok: true; replacement: Replacement } | { ok: false; why: string; error: unknown }

async function tryReplace(ports: RotationPorts, entry: VaultEntry<TokenMeta>, attempt: 1 | 2): Promise<Attempt> {
  try {
    const replacement = await ports.replacement(attempt)
    registerSecret(replacement.token)
    const problem = replacementProblem(replacement.info, entry.meta, ports.appId)
    if (problem) return { ok: false, why: `the new token cannot stand in for the old one: ${problem}.`, error: null }
    return { ok: true, replacement }
  } catch (error) {
    return { ok: false, why: reasonOf(error), error }
  }
}

async function stored(ports: RotationPorts, entry: VaultEntry<TokenMeta>, replacement: Replacement): Promise<string[]> {
  await ports.vault.put({ id: entry.id, meta: replacementMeta(entry.meta, replacement.info, replacement.token, ports.now()), secret: replacement.token })
  return afterStore(ports, entry.id, replacement.token)
}

async function afterStore(ports: RotationPorts, entryId: string, token: string): Promise<string[]> {
  return ports.afterStore ? ports.afterStore(entryId, token) : []
}

function updateIn(ports: RotationPorts, entry: VaultEntry<TokenMeta>, renewed: string[]): { name: string; usedIn: string }[] {
  const names = new Set([entry.meta.name, ...renewed])
  return ports.vault
    .list()
    .filter((e) => names.has(e.meta.name) && e.meta.usedIn)
    .map((e) => ({ name: e.meta.name, usedIn: e.meta.usedIn ?? '' }))
}

function finished(ports: RotationPorts, entry: VaultEntry<TokenMeta>, revoke: RevokeOutcome, replacements: number, renewed: string[]): RotationResult {
  return { entryId: entry.id, name: entry.meta.name, status: 'done', replacements, revoke, updateIn: updateIn(ports, entry, renewed), renewed, next: null }
}

/** The old token is revoked and no working replacement is stored: say so, and mark the entry dead. */
async function endedWithout(
  ports: RotationPorts,
  entry: VaultEntry<TokenMeta>,
  revoke: RevokeOutcome,
  status: 'needs-replacement' | 'revoked-without-replacement',
  why: string | null,
  dead?: Replacement,
  verdict?: TokenDebugInfo,
): Promise<RotationResult> {
  const current = ports.vault.get(entry.id)
  if (current) {
    const problem = (verdict?.error && toProblem(verdict.error)) ?? { reason: 'invalidated' as const, code: 190, subcode: 466, message: 'The token was revoked.', fix: 'reauthorize' as const }
    const base = dead ? replacementMeta(entry.meta, dead.info, dead.token, ports.now()) : current.meta
    await ports.vault.updateMeta(entry.id, { ...base, status: 'dead', problem, diedAt: ports.now() })
  }
  const how = entry.meta.kind === 'SYSTEM_USER' ? 'make a new one (Renew)' : 'log in again (Log in again, or Renew)'
  const next =
    status === 'needs-replacement'
      ? `The old token is revoked. Facebook ends every token of a ${entry.meta.kind === 'SYSTEM_USER' ? 'system user for this app' : 'login'} at once, so it ended the replacement too${why ? `, and another could not be made: ${why}` : ''}. To finish, ${how}.`
      : `The old token is revoked, but no replacement could be made: ${why ?? 'it failed'} To finish, ${how}.`
  return { entryId: entry.id, name: entry.meta.name, status, replacements: dead ? 1 : 0, revoke, updateIn: updateIn(ports, entry, []), renewed: [], next }
}
