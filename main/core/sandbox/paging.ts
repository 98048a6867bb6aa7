import type { SandboxContext } from './context'
import { GraphError } from './errors'
import { MAX_LIMIT } from './options'
import type { PagedEdge } from './types'

interface Position {
  /** Which response of a listing this is: the empty-page control counts responses. */
  index: number
  offset: number
}

const encode = (p: Position): string => Buffer.from(`${p.index}:${p.offset}`).toString('base64url')

function decode(cursor: string): Position | null {
  const match = /^(\d{1,6}):(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  return match ? { index: Number(match[1]), offset: Number(match[2]) } : null
}

const cursorError = (which: 'After' | 'Before'): GraphError =>
  new GraphError(100, `(#100) The ${which} Cursor specified exceeds the max limit supported by this endpoint`)

// Links drop the proof: a time-stamped one goes stale, and the client adds its own (§9).
const DROPPED = new Set(['after', 'before', 'limit', 'appsecret_proof', 'appsecret_time'])

function link(ctx: SandboxContext, path: string, params: Record<string, string>, limit: number, cursor: Record<string, string>): string {
  const query = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (!DROPPED.has(k)) query.set(k, v)
  query.set('limit', String(limit))
  for (const [k, v] of Object.entries(cursor)) query.set(k, v)
  return `${ctx.graphUrl}${path}?${query.toString()}`
}

/** Cursor paging as graph-api.md §4.3 shows it; an empty page can still carry `next`. */
export function paginate<T>(
  ctx: SandboxContext,
  /** The empty-page control's name for this listing ('' for none). */
  edge: PagedEdge | '',
  request: { path: string; params: Record<string, string> },
  items: T[],
): { data: T[]; paging?: Record<string, unknown> } {
  const { params } = request
  const asked = params.limit === undefined ? ctx.state.pageSize : Number(params.limit)
  if (!Number.isInteger(asked) || asked < 1) throw new GraphError(100, '(#100) The parameter limit must be a positive integer')
  const limit = Math.min(asked, MAX_LIMIT)
  let position: Position = { index: 0, offset: 0 }
  if (params.after !== undefined) {
    const p = decode(params.after)
    if (!p || p.offset > items.length) throw cursorError('After')
    position = p
  } else if (params.before !== undefined) {
    const p = decode(params.before)
    if (!p || p.offset > items.length) throw cursorError('Before')
    position = { index: Math.max(0, p.index - 1), offset: Math.max(0, p.offset - limit) }
  }
  if (items.length === 0) return { data: [] }
  const empty = ctx.state.emptyPages.has(`${edge}:${position.index}`)
  const data = empty ? [] : items.slice(position.offset, position.offset + limit)
  const end = position.offset + data.length
  const before = encode(position)
  const after = encode({ index: position.index + 1, offset: end })
  const paging: Record<string, unknown> = { cursors: { before, after } }
  if (position.offset > 0) paging.previous = link(ctx, request.path, params, limit, { before })
  if (end < items.length) paging.next = link(ctx, request.path, params, limit, { after })
  return { data, paging }
}
