import type { DialogPage } from '../../preload/api'
import { DIALOG_PAGE_PHRASES, recogniseDialogPage, type DialogObservation } from '../core/doctor/dialog-pages'
import type { Timers } from '../core/ports'
import type { Listener } from './listener'

/** The slice of webContents the watch uses. findInPage is optional: without it, title and address suffice. */
export interface WatchedContents {
  on(event: string, listener: Listener): unknown
  /** A destroyed webContents throws "Object has been destroyed" from every other method. */
  isDestroyed?(): boolean
  removeListener?(event: string, listener: Listener): unknown
  findInPage?(text: string, options?: { matchCase?: boolean; findNext?: boolean }): number
  stopFindInPage?(action: 'clearSelection' | 'keepSelection' | 'activateSelection'): void
}

const FIND_TIMEOUT_MS = 1500

/**
 * Which of the refusal phrases the page shows, with the browser's own find-in-page: the login
 * window never injects script into Facebook's pages (security.md §6.3), and find-in-page reads
 * the rendered text without running any.
 */
export async function phrasesOnPage(contents: WatchedContents, phrases: readonly string[], timers: Timers): Promise<string[]> {
  const find = contents.findInPage?.bind(contents)
  if (!find) return []
  // The login can end (and its window go) while the phrases are still being searched.
  const gone = (): boolean => contents.isDestroyed?.() === true
  const found: string[] = []
  for (const phrase of phrases) {
    if (gone()) return found
    const matches = await new Promise<number>((resolve) => {
      let requestId = -1
      const done = (n: number): void => {
        timers.clearTimeout(timer)
        contents.removeListener?.('found-in-page', onFound)
        resolve(n)
      }
      const onFound: Listener = (_event: unknown, result: { requestId?: number; matches?: number; finalUpdate?: boolean }) => {
        if (result.requestId === requestId && result.finalUpdate) done(result.matches ?? 0)
      }
      const timer = timers.setTimeout(() => done(0), FIND_TIMEOUT_MS)
      contents.on('found-in-page', onFound)
      requestId = find(phrase, { matchCase: false })
    })
    if (matches > 0) found.push(phrase)
  }
  if (!gone()) contents.stopFindInPage?.('clearSelection')
  return found
}

/**
 * Feeds core/doctor's recogniser what the login window sees (its title, its address, the
 * refusal phrases on the page) and reports a refusal page once.
 */
export function watchDialog(contents: WatchedContents, timers: Timers, onRefusal: (page: DialogPage) => void): void {
  const seen: DialogObservation = {}
  let reported = false
  const judge = (): void => {
    if (reported) return
    const page = recogniseDialogPage(seen)
    if (!page) return
    reported = true
    onRefusal(page)
  }
  contents.on('page-title-updated', (_event: unknown, title: string) => {
    seen.title = title
    judge()
  })
  contents.on('did-navigate', (_event: unknown, url: string) => {
    Object.assign(seen, { url, title: '', text: '' })
    judge()
  })
  contents.on('did-finish-load', () => {
    void phrasesOnPage(contents, DIALOG_PAGE_PHRASES, timers).then((found) => {
      seen.text = found.join('\n')
      judge()
    })
  })
}
