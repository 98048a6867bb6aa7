import type { AppState, CopyResult, Input, PageCopy } from '../../../preload/api'
import { DEFAULT_API_VERSION } from '../graph'
import { mask } from '../redact'
import type { AppContext } from './context'
import { AppError } from './errors'
import { revokeBeforeRemoving } from './revoke'
import { buildState } from './state'
import { snippet } from './snippets'
import { hostCopy } from './host-copy'

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

/** What "Copy token" copies, with its masked words: written by the host, or handed to the page. */
export async function tokenCopy(ctx: AppContext, id: string): Promise<PageCopy> {
  const token = await secretOf(ctx, id)
  return { text: token, masked: mask(token), clearsInSeconds: CLIPBOARD_CLEAR_MS / 1000 }
}

/** What "Copy snippet" copies: the command or line with the token in it. */
export async function snippetCopy(ctx: AppContext, id: string, format: Input<'copySnippet'>['format']): Promise<PageCopy> {
  const entry = entryOf(ctx, id)
  const token = await secretOf(ctx, id)
  const version = ctx.graph?.apiVersion ?? ctx.settings.getApp().apiVersion ?? DEFAULT_API_VERSION
  return { text: snippet(format, token, entry.meta, version), masked: mask(token), clearsInSeconds: CLIPBOARD_CLEAR_MS / 1000 }
}

export async function copyToken(ctx: AppContext, input: Input<'copyToken'>): Promise<CopyResult> {
  return hostCopy(ctx, await tokenCopy(ctx, input.id))
}

export async function copySnippet(ctx: AppContext, input: Input<'copySnippet'>): Promise<CopyResult> {
  return hostCopy(ctx, await snippetCopy(ctx, input.id, input.format))
}

/** The person's note of where the token is used; an empty note clears it. */
export async function setUsedIn(ctx: AppContext, input: Input<'setUsedIn'>): Promise<AppState> {
  const entry = entryOf(ctx, input.id)
  const { usedIn: _old, ...rest } = entry.meta
  void _old
  await ctx.tokens.updateMeta(input.id, input.usedIn ? { ...rest, usedIn: input.usedIn } : rest)
  return buildState(ctx)
}
