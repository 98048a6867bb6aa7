import { isSecretParam } from '../redact'
import type { ResolvedConfig } from './config'
import type { GraphErrorInfo } from './classify'
import { classifyGraphError, clientErrorInfo } from './classify'
import { GraphError, scrubInfo } from './errors'
import type { Transport } from './http'
import { tokenParams } from './proof'
import { backoffMs } from './retry'

/** Graph refuses more than this many items in one batch (graph-api.md §12). */
export const MAX_BATCH_ITEMS = 50
export const DEFAULT_NULL_RETRIES = 2

export interface BatchItem {
  method: 'GET' | 'POST' | 'DELETE' | 'PUT'
  /** Relative to the version, e.g. `me?fields=id` or `debug_token?input_token=…`. */
  relativeUrl: string
  /** Form fields for POST and PUT. */
  body?: Record<string, string>
  /** This item's own token; the batch's top-level token is the fallback. */
  accessToken?: string
  name?: string
}

export interface BatchHeader {
  name: string
  value: string
}

export type BatchResult =
  | { ok: true; status: number; headers: BatchHeader[]; body: unknown }
  | { ok: false; status: number | null; headers: BatchHeader[]; body: unknown; error: GraphErrorInfo }

export interface BatchOptions {
  accessToken: string
  includeHeaders?: boolean
  /** How many times items answered `null` (timed out inside Graph) are sent again. */
  nullRetries?: number
}

/** One item in Graph's wire form, its own token and proof placed where the method reads them. */
function wireItem(item: BatchItem, appSecret: string): Record<string, string> {
  const own = item.accessToken === undefined ? {} : tokenParams(item.accessToken, appSecret)
  const wire: Record<string, string> = { method: item.method }
  if (item.name !== undefined) wire.name = item.name
  if (item.method === 'POST' || item.method === 'PUT') {
    wire.relative_url = item.relativeUrl
    const body = new URLSearchParams({ ...item.body, ...own }).toString()
    if (body) wire.body = body
  } else {
    const extra = new URLSearchParams(own).toString()
    wire.relative_url = extra ? `${item.relativeUrl}${item.relativeUrl.includes('?') ? '&' : '?'}${extra}` : item.relativeUrl
  }
  return wire
}

/** The item's token and any secret-named parameter in its URL (debug_token's input_token). */
function itemSecrets(item: BatchItem): string[] {
  const query = item.relativeUrl.includes('?') ? item.relativeUrl.slice(item.relativeUrl.indexOf('?') + 1) : ''
  const inUrl = [...new URLSearchParams(query)].filter(([key]) => isSecretParam(key)).map(([, value]) => value)
  return [item.accessToken ?? '', ...inUrl]
}

function readItem(raw: unknown, now: number, secrets: readonly string[]): BatchResult | null {
  if (raw === null || typeof raw !== 'object') return null
  const record = raw as Record<string, unknown>
  const status = typeof record.code === 'number' ? record.code : null
  const headers = Array.isArray(record.headers) ? (record.headers as unknown[]).filter(isHeader) : []
  let body: unknown = record.body
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body) as unknown
    } catch {
      // Not JSON: keep the text as it came.
    }
  }
  const failed = status === null || status >= 400 || (body !== null && typeof body === 'object' && 'error' in body)
  if (!failed) return { ok: true, status, headers, body }
  return { ok: false, status, headers, body, error: scrubInfo(classifyGraphError(body, status, headers, now), secrets) }
}

const isHeader = (h: unknown): h is BatchHeader =>
  h !== null && typeof h === 'object' && typeof (h as BatchHeader).name === 'string' && typeof (h as BatchHeader).value === 'string'

export async function runBatch(transport: Transport, config: ResolvedConfig, items: readonly BatchItem[], options: BatchOptions): Promise<BatchResult[]> {
  const results: (BatchResult | null)[] = items.map(() => null)
  for (let start = 0; start < items.length; start += MAX_BATCH_ITEMS) {
    const indexes = items.slice(start, start + MAX_BATCH_ITEMS).map((_, i) => start + i)
    await fillChunk(transport, config, items, indexes, options, results)
  }
  return results.map((r) => r ?? nullItem())
}

async function fillChunk(
  transport: Transport,
  config: ResolvedConfig,
  items: readonly BatchItem[],
  indexes: number[],
  options: BatchOptions,
  results: (BatchResult | null)[],
): Promise<void> {
  const retries = options.nullRetries ?? DEFAULT_NULL_RETRIES
  let pending = indexes
  for (let round = 0; pending.length > 0; round++) {
    if (round > 0) {
      if (round > retries) return
      await config.sleep(backoffMs(round - 1, config.retry, config.random))
    }
    const wire = pending.map((i) => wireItem(items[i]!, config.appSecret))
    const params: Record<string, string> = { batch: JSON.stringify(wire) }
    if (options.includeHeaders === false) params.include_headers = 'false'
    const { body } = await transport({
      method: 'POST',
      path: '',
      params,
      token: options.accessToken,
      secrets: pending.flatMap((i) => itemSecrets(items[i]!)),
    })
    if (!Array.isArray(body) || body.length !== pending.length) {
      throw new GraphError(
clientErrorInfo('Facebook answered a batch request in an unexpected shape.', 200), 'POST /batch'
      )
    }
    const now = config.clock.now()
    pending.forEach((index, position) => {
      results[index] = readItem(body[position], now, [options.accessToken, ...itemSecrets(items[index]!)])
    })
    pending = pending.filter((index) => results[index] === null)
    if (pending.length > 0) config.log.info('graph batch items timed out', { count: pending.length, round })
  }
}

function nullItem(): BatchResult {
  return { ok: false, status: null, headers: [], body: null, error: clientErrorInfo('Facebook did not answer this part of the request in time.', null, 'transient') }
}
