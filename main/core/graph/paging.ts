import { clientErrorInfo } from './classify'
import { GraphError } from './errors'
import type { GraphRequest, Transport } from './http'

/** A safety stop for a server that keeps sending `next` forever. */
export const MAX_PAGES = 500

/**
 * Every item of an edge, following `paging.next` until it is absent. An empty page that still
 * has `next` is not the end, and a short page is not either (privacy filtering, §4.3).
 */
export async function collectPages(transport: Transport, first: GraphRequest, maxPages = MAX_PAGES): Promise<unknown[]> {
  const items: unknown[] = []
  let request: GraphRequest = first
  for (let page = 0; page < maxPages; page++) {
    const { body } = await transport(request)
    const record = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {}
    if (Array.isArray(record.data)) items.push(...(record.data as unknown[]))
    const next = nextLink(record.paging)
    if (next === undefined) return items
    request = { method: 'GET', path: '', url: next, ...(first.token === undefined ? {} : { token: first.token }) }
  }
  throw new GraphError(
    clientErrorInfo(`Facebook kept sending more pages (over ${maxPages}).`),
    `${first.method} /${first.path}`,
  )
}

function nextLink(paging: unknown): string | undefined {
  if (paging === null || typeof paging !== 'object') return undefined
  const next = (paging as Record<string, unknown>).next
  return typeof next === 'string' && next !== '' ? next : undefined
}
