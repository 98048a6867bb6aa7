import { join } from 'node:path'
import type { AppState } from '../../../preload/api'
import type { TokenMeta } from '../tokens/record'
import { openVault, type Vault } from '../vault'
import type { AppContext } from './context'
import { buildState } from './state'

/**
 * Practice tokens kept apart once a person moves on to their own app: in their own vault
 * folder, beside the token vault, so nothing that lists, checks or uses tokens (the dashboard,
 * the monitor, the doctor, `token-desk`) meets a simulated token and sends it to real Facebook.
 * They stay until the person clears them.
 */
const kept = new WeakMap<AppContext, Vault<TokenMeta>>()

export const practiceKeptDir = (home: string): string => join(home, 'vault', 'practice')

/** Opens the folder at start, so the state can count what is kept. */
export async function openPracticeKept(ctx: AppContext): Promise<void> {
  const allowWeak = () => ctx.settings.get().allowWeakSecretStorage
  kept.set(ctx, await openVault<TokenMeta>({ dir: practiceKeptDir(ctx.deps.settingsDir), cipher: ctx.deps.cipher, allowWeak, log: ctx.log, clock: ctx.clock }))
}

export const practiceKeptCount = (ctx: AppContext): number => kept.get(ctx)?.list().length ?? 0

/** The vault of kept practice tokens, when it is open (for saving what was held in memory). */
export const practiceKeptVault = (ctx: AppContext): Vault<TokenMeta> | null => kept.get(ctx) ?? null

/**
 * Leaving practice for the person's own app: the practice app's tokens move out of the token
 * vault into the kept folder, secrets and all (a token that cannot be read moves without one).
 */
export async function keepPracticeApart(ctx: AppContext, practiceAppId: string | null): Promise<number> {
  const apart = kept.get(ctx)
  if (!apart || !practiceAppId) return 0
  let moved = 0
  for (const entry of ctx.tokens.list().filter((e) => e.meta.appId === practiceAppId)) {
    const secret = await ctx.tokens.getSecret(entry.id)
    if (secret) await apart.put({ id: entry.id, meta: entry.meta, secret })
    await ctx.tokens.remove(entry.id)
    ctx.forgetNotices(entry.id)
    moved += 1
  }
  return moved
}

export async function clearPracticeKept(ctx: AppContext): Promise<void> {
  await kept.get(ctx)?.removeAll({ includeSetAside: true })
}

/** Settings > "Clear practice tokens". */
export async function clearPracticeTokens(ctx: AppContext): Promise<AppState> {
  const count = practiceKeptCount(ctx)
  await clearPracticeKept(ctx)
  if (count > 0) ctx.notice('info', `Cleared ${count} practice ${count === 1 ? 'token' : 'tokens'}.`)
  return buildState(ctx)
}
