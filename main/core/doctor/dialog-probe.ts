import type { DialogPage } from '../../../preload/api'
import { recogniseDialogPage, type DialogObservation } from './dialog-pages'

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', rsquo: '\u2019', lsquo: '\u2018' }

function unescape(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X')) return String.fromCodePoint(parseInt(ref.slice(2), 16))
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)))
    return ENTITIES[ref.toLowerCase()] ?? whole
  })
}

/** Pure: the title and visible text of an HTML page, scripts and styles left out. */
export function observeHtml(html: string, url?: string): DialogObservation {
  const title = unescape(/<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '').trim()
  const body = html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
  return { title, text: unescape(body).replace(/\s+/g, ' ').trim(), ...(url ? { url } : {}) }
}

export type DialogProbe = { kind: 'refused'; page: DialogPage } | { kind: 'opened' } | { kind: 'unreachable'; message: string }

/**
 * Opens the login dialog as a plain GET, without cookies or a logged-in session, and reads
 * what comes back. It sees the refusals Facebook shows before anyone logs in (in the practice
 * sandbox, all of them); whether real Facebook shows each before login is not confirmed, so an
 * open dialog proves only that no early refusal came.
 */
export async function probeDialog(url: string, fetchImpl: typeof fetch, timeoutMs = 5000): Promise<DialogProbe> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  timer.unref?.()
  try {
    const response = await fetchImpl(url, { redirect: 'manual', signal: controller.signal, headers: { accept: 'text/html' } })
    const type = response.headers.get('content-type') ?? ''
    if (!type.includes('html')) return { kind: 'opened' }
    const html = (await response.text()).slice(0, 512 * 1024)
    const seen = observeHtml(html, url)
    const page = recogniseDialogPage(seen)
    if (page) return { kind: 'refused', page }
    // A page with no words at all (not a redirect, which has none either): the blank dialog (dialog-pages.ts BLANK).
    if (response.status === 200 && seen.title === '' && seen.text === '') return { kind: 'refused', page: 'blank' }
    return { kind: 'opened' }
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'AbortError'
    return { kind: 'unreachable', message: timedOut ? 'The login dialog did not answer in time.' : 'The login dialog could not be reached.' }
  } finally {
    clearTimeout(timer)
  }
}

/** The refusal page at this dialog address, or null: what a login window that cannot see the page asks. */
export async function refusalPage(url: string, fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis)): Promise<DialogPage | null> {
  const seen = await probeDialog(url, fetchImpl)
  return seen.kind === 'refused' ? seen.page : null
}
