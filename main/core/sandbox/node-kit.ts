/**
 * The sandbox's Graph nodes are declared, not hand-written. A NodeType lists its fields (each with
 * the permission it needs and whether lacking it leaves the field out or fails the call), the
 * sub-nodes a field expands into, and its edges, which page with cursors. One renderer answers
 * `fields=` for all of them, with Graph's errors for unknown fields (graph-api.md §4, §7).
 *
 * Declaring a node (see nodes/*.ts for the real ones):
 *
 *   export const widgetNode = nodeType<WidgetRecord>({
 *     name: 'Widget',                     // Graph's node type, as its errors name it
 *     idOf: (w) => w.id,                  // `id` is then always served, asked or not
 *     defaultFields: ['name', 'id'],      // what a call without `fields` gets
 *     fields: {
 *       name: { get: (w) => w.name },     // undefined leaves a field out, as Graph does for empty ones
 *       owner: { get: (w, view) => sub(userNode, ownerOf(view, w)) },          // expands: owner{name}
 *       notes: { get: (w) => w.notes, needs: { anyOf: ['widgets_read'], lacking: 'omit' } },
 *       cost: { get: (w) => w.cost, needs: { anyOf: ['widgets_read'], lacking: permissionError } },
 *     },
 *     edges: {                            // GET /{id}/parts, and fields=parts.limit(2){name}
 *       parts: edge({ node: partNode, items: (w) => w.parts, needs: { anyOf: ['widgets_read'], error: permissionError } }),
 *     },
 *     actions: {                          // POST or DELETE /{id}/parts: the answer, or Graph's refusal thrown
 *       parts: { POST: (w, view, params) => addPart(view, w, params) },
 *     },
 *     readable: (w, view) => {},          // who may read it by id: throw the error Graph gives
 *   })
 *
 * then add a finder to NODE_FINDERS in nodes/index.ts, so `GET /{id}` and `GET /{id}/{edge}` reach it.
 */
import type { Caller } from './auth'
import type { SandboxContext } from './context'
import { GraphError } from './errors'
import { plainFields, serializeFields, type FieldRequest } from './field-syntax'
import { paginate } from './paging'
import type { PagedEdge } from './types'

/** What a field, an edge or a guard may look at while one request is answered. */
export interface View {
  ctx: SandboxContext
  caller: Caller | null
  method: string
  /** `/v25.0` when the request named a version, else '': nested edges' paging links reuse it. */
  versionPrefix: string
  /** Headers edges add (the Marketing usage headers), gathered for the response. */
  headers: Record<string, string>
}

export type FieldArgs = Readonly<Record<string, string>>

/** Without one of these scopes a field is left out silently (like `email`), or the call fails. */
export type FieldNeed = { anyOf: readonly string[]; lacking: 'omit' } | { anyOf: readonly string[]; lacking: () => GraphError }

export interface FieldDef<R> {
  get(record: R, view: View, args: FieldArgs): unknown
  needs?: FieldNeed
}

export type WriteMethod = 'POST' | 'DELETE'

/** A write on an edge (`POST /{system-user-id}/access_tokens`): returns the JSON answer, or throws Graph's refusal. */
export type ActionDef<R> = (record: R, view: View, params: Readonly<Record<string, string>>) => unknown

export interface NodeType<R> {
  name: string
  idOf?: (record: R) => string
  defaultFields: readonly string[]
  fields: Readonly<Record<string, FieldDef<R>>>
  edges?: Readonly<Record<string, EdgeDef<R>>>
  /** Writes on an edge, by method. An edge may have writes and no listing, or both. */
  actions?: Readonly<Record<string, Partial<Record<WriteMethod, ActionDef<R>>>>>
  /** Checked when the node is read by its id (not when it is embedded in another): throws Graph's refusal. */
  readable?: (record: R, view: View) => void
  /** Headers a read by id adds (the Marketing usage headers of an ad account). */
  headers?: (view: View) => Record<string, string>
}

export const nodeType = <R>(type: NodeType<R>): NodeType<R> => type

export interface EdgeRequest {
  /** The path paging links point at, version included. */
  path: string
  params: Record<string, string>
  fields: FieldRequest[] | null
}

export interface Listing {
  data: Record<string, unknown>[]
  paging?: Record<string, unknown>
}

export interface EdgeDef<R> {
  list(record: R, view: View, request: EdgeRequest): Listing
}

/** Without one of these scopes an edge answers `error()`, or no data (behaviour.missingPermission). */
export interface EdgeNeed {
  anyOf: readonly string[]
  error: () => GraphError
}

export interface EdgeSpec<R, I> {
  /** The item node, or a function giving it when two node types list each other (Business and AdAccount). */
  node: NodeType<I> | (() => NodeType<I>)
  /** Item fields when `fields` is absent; the item node's defaults otherwise. */
  defaultFields?: readonly string[]
  needs?: EdgeNeed
  /** Who may list it: throws Graph's refusal. */
  guard?: (record: R, view: View) => void
  /** The request is there for edges that filter on a parameter (`/{app-id}/permissions?status=live`). */
  items: (record: R, view: View, request: EdgeRequest) => I[]
  /** The name the empty-page control knows this edge by. */
  emptyPageKey?: PagedEdge
  headers?: (view: View) => Record<string, string>
}

const has = (table: object | undefined, key: string): boolean => table !== undefined && Object.hasOwn(table, key)

export const nonexistingField = (field: string, nodeType: string): GraphError =>
  new GraphError(100, `(#100) Tried accessing nonexisting field (${field.length > 200 ? `${field.slice(0, 200)}...` : field}) on node type (${nodeType})`)

// Graph's text for sub-fields on a plain value was not found; this one is ours.
const noSubFields = (field: string, nodeType: string): GraphError =>
  new GraphError(100, `(#100) The field (${field}) on node type (${nodeType}) has no sub-fields`)

/** True when the caller's token holds one of the scopes. App tokens and no token hold none. */
export function grants(view: View, anyOf: readonly string[]): boolean {
  const scopes = view.caller?.kind === 'token' ? view.caller.record.scopes : []
  return anyOf.some((s) => scopes.includes(s))
}

/** A sub-node inside a field's value: rendered with the sub-fields asked in braces, or its defaults. */
export class Expansion {
  constructor(readonly render: (view: View, asked: FieldRequest[] | null) => Record<string, unknown>) {}
}

export const sub = <S>(type: NodeType<S>, record: S): Expansion => new Expansion((view, asked) => renderNode(view, type, record, asked))

export function edge<R, I>(spec: EdgeSpec<R, I>): EdgeDef<R> {
  return {
    list(record, view, request) {
      spec.guard?.(record, view)
      const node = typeof spec.node === 'function' ? spec.node() : spec.node
      const asked = request.fields ?? plainFields(spec.defaultFields ?? node.defaultFields)
      checkNames(node, asked)
      const headers = spec.headers?.(view) ?? {}
      if (spec.needs && !grants(view, spec.needs.anyOf)) {
        if (view.ctx.state.behaviour.missingPermission === 'error') throw spec.needs.error()
        Object.assign(view.headers, headers)
        return { data: [] }
      }
      const listed = paginate(view.ctx, spec.emptyPageKey ?? '', request, spec.items(record, view, request))
      const data = listed.data.map((item) => renderNode(view, node, item, asked))
      Object.assign(view.headers, headers)
      return { ...listed, data }
    },
  }
}

function checkNames<R>(type: NodeType<R>, asked: readonly FieldRequest[]): void {
  for (const field of asked) {
    const known = (field.name === 'id' && type.idOf !== undefined) || has(type.fields, field.name) || has(type.edges, field.name)
    if (!known) throw nonexistingField(field.name, type.name)
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype

const holdsExpansion = (value: unknown): boolean =>
  value instanceof Expansion || (Array.isArray(value) && value.some(holdsExpansion)) || (isPlainObject(value) && Object.values(value).some(holdsExpansion))

function expand(view: View, value: unknown, field: FieldRequest, nodeType: string): unknown {
  if (value instanceof Expansion) return value.render(view, field.sub)
  if (Array.isArray(value)) return value.map((v: unknown) => expand(view, v, field, nodeType))
  if (isPlainObject(value) && holdsExpansion(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(view, v, field, nodeType)]))
  }
  if (field.sub !== null) throw noSubFields(field.name, nodeType)
  return value
}

function fieldValue<R>(view: View, type: NodeType<R>, record: R, field: FieldRequest): unknown {
  if (field.name === 'id' && type.idOf && !has(type.fields, 'id')) return expand(view, type.idOf(record), field, type.name)
  const def = type.fields[field.name]!
  if (def.needs && !grants(view, def.needs.anyOf)) {
    if (def.needs.lacking === 'omit') return undefined
    throw def.needs.lacking()
  }
  const value = def.get(record, view, field.args)
  return value === undefined ? undefined : expand(view, value, field, type.name)
}

function tokenOfCaller(caller: Caller | null): string | undefined {
  if (caller?.kind === 'token') return caller.record.value
  return caller?.token
}

/** `fields=accounts.limit(2){name}`: the edge's first page, with paging links of its own. */
function nestedEdge<R>(view: View, type: NodeType<R>, record: R, field: FieldRequest, def: EdgeDef<R>): Listing {
  if (!type.idOf) throw new Error(`Node type ${type.name} declares edges but no idOf.`)
  const params: Record<string, string> = {}
  const token = tokenOfCaller(view.caller)
  if (token !== undefined) params.access_token = token
  if (field.sub !== null) params.fields = serializeFields(field.sub)
  for (const key of ['limit', 'after', 'before']) {
    const value = field.args[key]
    if (value !== undefined) params[key] = value
  }
  return def.list(record, view, { path: `${view.versionPrefix}/${type.idOf(record)}/${field.name}`, params, fields: field.sub })
}

/** The node as `fields` asks (its defaults when null), fields in the order asked, `id` always last if not asked. */
export function renderNode<R>(view: View, type: NodeType<R>, record: R, asked: FieldRequest[] | null): Record<string, unknown> {
  const fields = asked ?? plainFields(type.defaultFields)
  checkNames(type, fields)
  const out: Record<string, unknown> = {}
  for (const field of fields) {
    const edgeDef = has(type.fields, field.name) ? undefined : type.edges?.[field.name]
    const value = edgeDef ? nestedEdge(view, type, record, field, edgeDef) : fieldValue(view, type, record, field)
    if (value !== undefined) out[field.name] = value
  }
  if (type.idOf && !has(out, 'id')) out.id = type.idOf(record)
  return out
}

/** A node found by id, with its record bound: what the router reads and lists through. */
export interface BoundNode {
  typeName: string
  read(view: View, asked: FieldRequest[] | null): Record<string, unknown>
  /** The declared edge, or undefined when the node has none of that name. */
  edge(name: string): ((view: View, request: EdgeRequest) => Listing) | undefined
  /** The declared write, or undefined; `writable` says whether the edge takes any write at all. */
  action(name: string, method: string): ((view: View, params: Readonly<Record<string, string>>) => unknown) | undefined
  writable(name: string): boolean
}

export function bind<R>(type: NodeType<R>, record: R): BoundNode {
  return {
    typeName: type.name,
    read(view, asked) {
      type.readable?.(record, view)
      const json = renderNode(view, type, record, asked)
      Object.assign(view.headers, type.headers?.(view))
      return json
    },
    edge(name) {
      const def = has(type.edges, name) ? type.edges![name]! : undefined
      return def && ((view, request) => def.list(record, view, request))
    },
    action(name, method) {
      const writes = has(type.actions, name) ? type.actions![name]! : undefined
      const def = writes && (method === 'POST' || method === 'DELETE') ? writes[method] : undefined
      return def && ((view, params) => def(record, view, params))
    },
    writable: (name) => has(type.actions, name),
  }
}
