import type { Input, PageCopy } from '../../../preload/api'
import type { AppContext } from './context'
import { diagnosticsCopy } from './diagnostics'
import { AppError } from './errors'
import { snippetCopy, tokenCopy } from './token-actions'

/**
 * The one reply that carries a token (or the diagnostics) to the page: only where the page
 * writes the clipboard itself, only for the click that asked. It is never part of the state,
 * never logged; the web host sends every reply with Cache-Control: no-store.
 */
export async function copyInPage(ctx: AppContext, input: Input<'copyInPage'>): Promise<PageCopy> {
  if (ctx.deps.clipboard !== 'page') throw new AppError('not-allowed', 'Token Desk copies to the clipboard itself here; the token stays out of this window.')
  switch (input.what) {
    case 'token':
      return tokenCopy(ctx, input.id)
    case 'snippet':
      return snippetCopy(ctx, input.id, input.format)
    case 'diagnostics':
      return diagnosticsCopy(ctx)
  }
}
