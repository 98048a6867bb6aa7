/** The declarative node framework on its own: a toy node type declared here, and the real User. */
import { describe, expect, it } from 'vitest'
import type { Caller } from '../../../main/core/sandbox/auth'
import { createSandboxClock } from '../../../main/core/sandbox/clock'
import type { SandboxContext } from '../../../main/core/sandbox/context'
import { GraphError, permissionError } from '../../../main/core/sandbox/errors'
import { parseFields } from '../../../main/core/sandbox/field-syntax'
import { bind, edge, nodeType, renderNode, sub, type View } from '../../../main/core/sandbox/node-kit'
import { userNode } from '../../../main/core/sandbox/nodes/user'
import { DEFAULT_BEHAVIOUR } from '../../../main/core/sandbox/options'
import { seedState, type TokenRecord } from '../../../main/core/sandbox/state'

function viewWith(scopes: string[] | null, userId = 'u1'): View {
  const state = seedState({ pageCount: 1, adAccountCount: 1, pageSize: 2, latencyMs: 0, behaviour: { ...DEFAULT_BEHAVIOUR } })
  const ctx: SandboxContext = { state, clock: createSandboxClock(0, false), graphUrl: 'http://graph.test', wwwUrl: 'http://www.test', controlKey: 'k', requests: [], record: () => undefined }
  const record: TokenRecord = { value: 'EAAtoken', kind: 'USER', appId: state.practiceAppId, userId, profileId: null, scopes: scopes ?? [], issuedAt: 0, longLived: true, expiresAt: 0, authType: null, death: null }
  const caller: Caller | null = scopes === null ? null : { kind: 'token', record, app: state.apps.get(state.practiceAppId)! }
  return { ctx, caller, method: 'GET', versionPrefix: '/v25.0', headers: {} }
}

interface Part {
  id: string
  label: string
}
interface Widget {
  id: string
  name: string
  notes: string
  cost: number
  parts: Part[]
}

const partNode = nodeType<Part>({ name: 'Part', idOf: (p) => p.id, defaultFields: ['label', 'id'], fields: { label: { get: (p) => p.label } } })
const refused = (): GraphError => new GraphError(10, '(#10) no cost for you')
let readableCalls = 0
const widgetNode = nodeType<Widget>({
  name: 'Widget',
  idOf: (w) => w.id,
  defaultFields: ['name', 'id'],
  fields: {
    name: { get: (w) => w.name },
    notes: { get: (w) => w.notes, needs: { anyOf: ['widgets_read'], lacking: 'omit' } },
    cost: { get: (w) => w.cost, needs: { anyOf: ['widgets_read'], lacking: refused } },
    empty: { get: () => undefined },
    first_part: { get: (w) => sub(partNode, w.parts[0]!) },
    wrapped: { get: (w) => ({ data: w.parts.map((p) => sub(partNode, p)) }) },
  },
  edges: {
    parts: edge({ node: partNode, items: (w: Widget) => w.parts, needs: { anyOf: ['widgets_read'], error: permissionError }, headers: () => ({ 'x-widget': 'yes' }) }),
  },
  readable: () => {
    readableCalls += 1
  },
})
const widget: Widget = { id: 'w1', name: 'Widget', notes: 'n', cost: 3, parts: ['a', 'b', 'c'].map((x) => ({ id: `p${x}`, label: x.toUpperCase() })) }

const thrown = (run: () => unknown): GraphError => {
  try {
    run()
  } catch (error) {
    if (error instanceof GraphError) return error
    throw error
  }
  throw new Error('expected a GraphError')
}

describe('renderNode', () => {
  it('serves defaults, the asked order, and id last when not asked', () => {
    const view = viewWith(['widgets_read'])
    expect(renderNode(view, widgetNode, widget, null)).toEqual({ name: 'Widget', id: 'w1' })
    expect(Object.keys(renderNode(view, widgetNode, widget, parseFields('cost,name')))).toEqual(['cost', 'name', 'id'])
    expect(Object.keys(renderNode(view, widgetNode, widget, parseFields('cost,id,name')))).toEqual(['cost', 'id', 'name'])
  })

  it('leaves out undefined values and "omit" fields without the scope, and fails "lacking" ones', () => {
    const view = viewWith(['public_profile'])
    expect(renderNode(view, widgetNode, widget, parseFields('name,notes,empty'))).toEqual({ name: 'Widget', id: 'w1' })
    expect(thrown(() => renderNode(view, widgetNode, widget, parseFields('cost'))).message).toBe('(#10) no cost for you')
    expect(thrown(() => renderNode(viewWith(null), widgetNode, widget, parseFields('cost'))).code).toBe(10)
  })

  it('expands sub-nodes alone, in arrays and inside plain objects, with sub-fields or their defaults', () => {
    const view = viewWith([])
    expect(renderNode(view, widgetNode, widget, parseFields('first_part,wrapped{id}'))).toEqual({
      first_part: { label: 'A', id: 'pa' },
      wrapped: { data: [{ id: 'pa' }, { id: 'pb' }, { id: 'pc' }] },
      id: 'w1',
    })
    expect(thrown(() => renderNode(view, widgetNode, widget, parseFields('first_part{colour}'))).message).toBe(
      '(#100) Tried accessing nonexisting field (colour) on node type (Part)',
    )
    expect(thrown(() => renderNode(view, widgetNode, widget, parseFields('name{x}'))).message).toBe('(#100) The field (name) on node type (Widget) has no sub-fields')
  })

  it.each(['colour', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])('refuses %s as a nonexisting field', (name) => {
    expect(thrown(() => renderNode(viewWith([]), widgetNode, widget, parseFields(name))).message).toBe(
      `(#100) Tried accessing nonexisting field (${name}) on node type (Widget)`,
    )
  })

  it('lists an edge as a field with paging links of its own and the edge headers', () => {
    const view = viewWith(['widgets_read'])
    const out = renderNode(view, widgetNode, widget, parseFields('parts.limit(2){label}')) as { parts: { data: unknown[]; paging: { next: string } } }
    expect(out.parts.data).toEqual([{ label: 'A', id: 'pa' }, { label: 'B', id: 'pb' }])
    const next = new URL(out.parts.paging.next)
    expect(next.origin + next.pathname).toBe('http://graph.test/v25.0/w1/parts')
    expect(Object.fromEntries(next.searchParams)).toMatchObject({ access_token: 'EAAtoken', fields: 'label', limit: '2' })
    expect(view.headers).toEqual({ 'x-widget': 'yes' })
  })

  it('answers an edge without its scope by the error, or by no data when behaviour says empty', () => {
    const view = viewWith([])
    expect(thrown(() => bind(widgetNode, widget).edge('parts')!(view, { path: '/w1/parts', params: {}, fields: null })).code).toBe(200)
    view.ctx.state.behaviour.missingPermission = 'empty'
    expect(bind(widgetNode, widget).edge('parts')!(view, { path: '/w1/parts', params: {}, fields: null })).toEqual({ data: [] })
    expect(bind(widgetNode, widget).edge('toString')).toBeUndefined()
  })

  it('finds an item node given lazily, and lets items read the request (a filter parameter)', () => {
    const byLabel = nodeType<Widget>({
      name: 'Shelf',
      idOf: (w) => w.id,
      defaultFields: ['id'],
      fields: {},
      edges: {
        parts: edge({ node: () => partNode, items: (w: Widget, _view, request) => w.parts.filter((p) => request.params.label === undefined || p.label === request.params.label) }),
      },
    })
    const list = bind(byLabel, widget).edge('parts')!
    expect(list(viewWith([]), { path: '/w1/parts', params: { label: 'B' }, fields: null }).data).toEqual([{ label: 'B', id: 'pb' }])
    // Unfiltered: all three, paged two at a time.
    expect(list(viewWith([]), { path: '/w1/parts', params: {}, fields: null }).data).toHaveLength(2)
    expect(thrown(() => list(viewWith([]), { path: '/w1/parts', params: {}, fields: parseFields('colour') })).message).toBe(
      '(#100) Tried accessing nonexisting field (colour) on node type (Part)',
    )
  })

  it('runs a declared write by method, and tells an edge that takes writes from one it does not have', () => {
    const added: string[] = []
    const workshop = nodeType<Widget>({
      name: 'Workshop',
      idOf: (w) => w.id,
      defaultFields: ['id'],
      fields: {},
      actions: {
        parts: {
          POST: (w, view, params) => {
            added.push(`${w.id}:${params.label ?? ''}:${view.method}`)
            return { id: `p${params.label ?? ''}` }
          },
        },
      },
    })
    const bound = bind(workshop, widget)
    const post = bound.action('parts', 'POST')!
    expect(post({ ...viewWith([]), method: 'POST' }, { label: 'd' })).toEqual({ id: 'pd' })
    expect(added).toEqual(['w1:d:POST'])
    // A method it does not declare, or an edge without writes, has no action; only the first takes writes.
    expect([bound.action('parts', 'DELETE'), bound.action('parts', 'GET'), bound.action('tools', 'POST')]).toEqual([undefined, undefined, undefined])
    expect([bound.writable('parts'), bound.writable('tools'), bound.writable('__proto__')]).toEqual([true, false, false])
    expect(bound.edge('parts')).toBeUndefined()
  })

  it('checks readable on reads by id only, not when the node is embedded', () => {
    readableCalls = 0
    renderNode(viewWith([]), widgetNode, widget, null)
    expect(readableCalls).toBe(0)
    bind(widgetNode, widget).read(viewWith([]), null)
    expect(readableCalls).toBe(1)
  })
})

describe('the User declaration', () => {
  it('splits a middle name out, and keeps email to the person and the email permission', () => {
    const person = { id: 'u1', name: 'Ana María de la Luz', system: false }
    const fields = parseFields('first_name,middle_name,last_name,short_name,name_format,email')
    expect(renderNode(viewWith(['email']), userNode, person, fields)).toEqual({
      first_name: 'Ana',
      middle_name: 'María de la',
      last_name: 'Luz',
      short_name: 'Ana',
      name_format: '{first} {last}',
      email: 'ana.maria.de.la.luz@example.com',
      id: 'u1',
    })
    expect(renderNode(viewWith(['email'], 'someone-else'), userNode, person, parseFields('email'))).toEqual({ id: 'u1' })
    expect(renderNode(viewWith([]), userNode, person, parseFields('email'))).toEqual({ id: 'u1' })
    expect(renderNode(viewWith([]), userNode, { id: 'u2', name: 'Cher', system: false }, fields)).toEqual({
      first_name: 'Cher',
      short_name: 'Cher',
      name_format: '{first}',
      id: 'u2',
    })
  })
})
