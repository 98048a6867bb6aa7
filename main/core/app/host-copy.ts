import type { CopyResult, PageCopy } from '../../../preload/api'
import type { AppContext } from './context'
import { AppError } from './errors'

/**
 * Where the host owns a clipboard (the desktop app), main writes the text and clears it later;
 * the page gets only the masked words. A browser host has no clipboard the person can use (a
 * server, a container): its page copies through copyInPage instead.
 */
export function hostCopy(ctx: AppContext, copy: PageCopy): CopyResult {
  const clipboard = ctx.deps.clipboard
  if (clipboard === 'page') throw new AppError('not-allowed', 'In the browser the page copies the text itself: reload the page and press Copy again.')
  clipboard.copy(copy.text, copy.clearsInSeconds * 1000)
  return { masked: copy.masked, clearsInSeconds: copy.clearsInSeconds }
}
