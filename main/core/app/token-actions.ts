import type { AppState, CopyResult, Input } from '../../../preload/api'
import { DEFAULT_API_VERSION } from '../graph'
import { mask } from '../redact'
import type { AppContext } from './context'
import { AppError } from './errors'
import { revokeBeforeRemoving } from './revoke'
import { buildState } from './state'
import { snippet } from './snippets'

export const CLIPBOARD_CLEAR_MS = 30_000

function entryOf(ctx: AppContext, id: string) {
  const entry = ctx.tokens.get(id)
  if (!entry) throw new AppError('invalid-input', 'There is no such token.')
  return entry
}

async function secretOf(ctx: AppContext, id: string): Promise<string> {
  const secret = await ctx.tokens.getSecret(id)
  if (!secret) throw new AppError('failed', 'This token cannot be read any more. Sign in again or paste it again.')
  return secret
}

export async function checkNow(ctx: AppContext, input: Input<'checkNow'>): Promise<AppState> {
  await ctx.refreshVault()
  if (input.id) entryOf(ctx, input.id)
  await ctx.monitor.checkNow(input.id ? [input.id] : undefined)
  return buildState(ctx)
}

export async function removeToken(ctx: AppContext, input: Input<'removeToken'>): Promise<AppState> {
  entryOf(ctx, input.id)
  if (input.revoke) await revokeBeforeRemoving(ctx, input.id, input.permission ?? null)
  await ctx.tokens.remove(input.id)
  ctx.forgetNotices(input.id)
  ctx.settings.forgetReminders((key) => key.startsWith(`${input.id}:`))
  ctx.monitor.reschedule()
  return buildState(ctx)
}

export async function renameToken(ctx: AppContext, input: Input<'renameToken'>): Promise<AppState> {
  const entry = entryOf(ctx, input.id)
  await ctx.tokens.updateMeta(input.id, { ...entry.meta, name: input.name })
  return buildState(ctx)
}

export async function copyToken(ctx: AppContext, input: Input<'copyToken'>): Promise<CopyResult> {
  const token = await secretOf(ctx, input.id)
  ctx.deps.clipboard.copy(token, CLIPBOARD_CLEAR_MS)
  return { masked: mask(token), clearsInSeconds: CLIPBOARD_CLEAR_MS / 1000 }
}

export async function copySnippet(ctx: AppContext, input: Input<'copySnippet'>): Promise<CopyResult> {
  const entry = entryOf(ctx, input.id)
  const token = await secretOf(ctx, input.id)
  const version = ctx.graph?.apiVersion ?? ctx.settings.getApp().apiVersion ?? DEFAULT_API_VERSION
  ctx.deps.clipboard.copy(snippet(input.format, token, entry.meta, version), CLIPBOARD_CLEAR_MS)
  return { masked: mask(token), clearsInSeconds: CLIPBOARD_CLEAR_MS / 1000 }
}

/** The person's note of where the token is used; an empty note clears it. */
export async function setUsedIn(ctx: AppContext, input: Input<'setUsedIn'>): Promise<AppState> {
  const entry = entryOf(ctx, input.id)
  const { usedIn: _old, ...rest } = entry.meta
  void _old
  await ctx.tokens.updateMeta(input.id, input.usedIn ? { ...rest, usedIn: input.usedIn } : rest)
  return buildState(ctx)
}
