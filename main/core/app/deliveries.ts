import { homedir } from 'node:os'
import type { AppState, Input, Notice } from '../../../preload/api'
import { DestinationError, specFromInput, type DeliveryReport } from '../deliveries'
import { failedDeliveryWords } from '../deliveries/words'
import type { AppContext } from './context'
import { AppError } from './errors'
import { buildState } from './state'

const noticeId = (tokenId: string): string => `d:${tokenId}`

/**
 * One notice per token whose delivery failed (not one per destination, nor per attempt), with
 * the tool's words, the fix and "Try again"; the next delivery of that token replaces it, and
 * one that reaches every destination takes it away.
 */
export function noticeDeliveries(ctx: AppContext, report: DeliveryReport): void {
  const id = noticeId(report.tokenId)
  const others = ctx.notices.filter((n) => n.id !== id)
  // From every destination's last delivery, not only this one's: testing one place that works
  // must not hide another that still fails.
  const words = ctx.tokens.get(report.tokenId) ? failedDeliveryWords(report.name, ctx.deliveries.list(report.tokenId).destinations) : null
  if (words === null) {
    if (others.length !== ctx.notices.length) ctx.notices = others
    return
  }
  const notice: Notice = { id, level: 'error', message: words, tokenId: report.tokenId, retry: 'deliver' }
  ctx.notices = [...others, notice].slice(-20)
}

function checked<T>(run: () => Promise<T>): Promise<T> {
  return run().catch((error: unknown) => {
    if (error instanceof DestinationError) throw new AppError('invalid-input', error.message)
    throw error
  })
}

function entryOf(ctx: AppContext, id: string): void {
  if (!ctx.tokens.get(id)) throw new AppError('invalid-input', 'There is no such token.')
}

export async function addDestination(ctx: AppContext, input: Input<'addDestination'>): Promise<AppState> {
  entryOf(ctx, input.id)
  await checked(() => ctx.deliveries.add(input.id, specFromInput(input.destination, homedir())))
  return buildState(ctx)
}

export async function removeDestination(ctx: AppContext, input: Input<'removeDestination'>): Promise<AppState> {
  entryOf(ctx, input.id)
  if (!(await ctx.deliveries.remove(input.id, input.destinationId))) throw new AppError('invalid-input', 'That destination is not there any more.')
  // A failure notice about a place that is gone is old news; the next delivery says what stands.
  const left = ctx.deliveries.list(input.id).destinations
  if (left.length === 0) ctx.notices = ctx.notices.filter((n) => n.id !== noticeId(input.id))
  return buildState(ctx)
}

/** "Deliver now" and "Try again": the stored token to its destinations (or one of them) now. */
export async function deliverNow(ctx: AppContext, input: Input<'deliverNow'>): Promise<AppState> {
  entryOf(ctx, input.id)
  await ctx.refreshVault()
  await checked(() => ctx.deliveries.deliver(input.id, input.destinationId ? { destinationId: input.destinationId } : {}))
  return buildState(ctx)
}
