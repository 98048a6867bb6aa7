import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../../main/core/sandbox'
import { V, appToken, call, errorOf, hmac, start } from './helpers'

let sb: Sandbox
beforeEach(async () => {
  sb = await start()
})
afterEach(() => sb.close())

interface Item {
  code: number
  headers?: { name: string; value: string }[]
  body: string
}

function batch(items: unknown[], extra: Record<string, string> = {}, path = `/${V}/`) {
  return call(sb, path, { access_token: appToken(sb), batch: JSON.stringify(items), ...extra }, { method: 'POST', form: true })
}
const proofFor = (token: string): string => hmac(sb.practiceApp.secret, token)
const meItem = (token: string) => ({ method: 'GET', relative_url: `me?fields=id&access_token=${token}&appsecret_proof=${proofFor(token)}` })

describe('batch', () => {
  it('answers items in order, bodies as JSON strings, per-item tokens honoured', async () => {
    const tokens = [sb.issueToken({ kind: 'USER' }), sb.issueToken({ kind: 'SYSTEM_USER' }), 'EAAnever-issued-token']
    const reply = await batch(tokens.map(meItem))
    expect(reply.status).toBe(200)
    const items = reply.json as Item[]
    expect(items.map((i) => i.code)).toEqual([200, 200, 400])
    expect(JSON.parse(items[0]!.body)).toEqual({ id: sb.practiceUser.id })
    expect(JSON.parse(items[1]!.body)).toEqual({ id: sb.systemUser.id })
    expect((JSON.parse(items[2]!.body) as { error: unknown }).error).toMatchObject({ code: 190, message: 'Invalid OAuth access token - Cannot parse access token' })
    expect(items[2]!.headers).toContainEqual({ name: 'Content-Type', value: 'text/javascript; charset=UTF-8' })
    expect(items[2]!.headers?.find((h) => h.name === 'WWW-Authenticate')?.value).toContain('"invalid_token"')
    expect(sb.requests.filter((r) => r.batchItem)).toHaveLength(3)
  })

  it('checks many tokens with debug_token items under the top-level app token, unversioned path too', async () => {
    const good = sb.issueToken({ kind: 'USER' })
    const items = [good, 'garbage'].map((t) => ({ method: 'GET', relative_url: `${V}/debug_token?input_token=${encodeURIComponent(t)}` }))
    const reply = await batch(items, { include_headers: 'false' }, '/')
    const answers = reply.json as Item[]
    expect(answers.every((a) => a.headers === undefined && a.code === 200)).toBe(true)
    expect(answers.map((a) => (JSON.parse(a.body) as { data: { is_valid: boolean } }).data.is_valid)).toEqual([true, false])
  })

  it('refuses more than 50 items and accepts exactly 50', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    const over = await batch(Array.from({ length: 51 }, () => meItem(token)))
    expect(over.status).toBe(400)
    expect(errorOf(over)).toMatchObject({ type: 'GraphBatchException', message: 'Too many requests in batch message. Maximum batch size is 50' })
    expect(((await batch(Array.from({ length: 50 }, () => meItem(token)))).json as Item[]).length).toBe(50)
  })

  it('requires a top-level access token even when every item has one', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    const reply = await call(sb, `/${V}/`, { batch: JSON.stringify([meItem(token)]) }, { method: 'POST', form: true })
    expect(errorOf(reply)).toMatchObject({ code: 104 })
  })

  it('refuses a batch that is not a JSON array', async () => {
    expect(errorOf(await call(sb, `/${V}/`, { access_token: appToken(sb), batch: '{nope' }, { method: 'POST', form: true })).code).toBe(100)
  })

  it('falls back on the top-level token and its proof; an item with its own token needs its own proof', async () => {
    sb.controls.setApp(sb.practiceApp.id, { requireAppSecret: true })
    const token = sb.issueToken({ kind: 'USER' })
    const reply = await call(
      sb,
      `/${V}/`,
      {
        access_token: token,
        appsecret_proof: proofFor(token),
        batch: JSON.stringify([{ method: 'GET', relative_url: 'me?fields=name' }, { method: 'GET', relative_url: `me?access_token=${sb.issueToken({ kind: 'USER' })}` }]),
      },
      { method: 'POST', form: true },
    )
    const items = reply.json as Item[]
    expect(JSON.parse(items[0]!.body)).toMatchObject({ name: 'Pat Practice' })
    expect((JSON.parse(items[1]!.body) as { error: { message: string } }).error.message).toBe('API calls from the server require an appsecret_proof argument')
  })

  it('takes a POST/DELETE item body as a urlencoded string; a DELETE answers "true"', async () => {
    const token = sb.issueToken({ kind: 'USER' })
    const reply = await batch([{ method: 'DELETE', relative_url: 'me/permissions/ads_read', body: `access_token=${token}&appsecret_proof=${proofFor(token)}` }])
    expect((reply.json as Item[])[0]!.body).toBe('true')
    expect(sb.tokenInfo(token)!.scopes).not.toContain('ads_read')
  })

  it('gives null for an item hit by a dropped-connection fault, an error for an error fault', async () => {
    const a = sb.issueToken({ kind: 'USER' })
    const b = sb.issueToken({ kind: 'USER' })
    sb.controls.injectFault({ kind: 'drop', path: 'me', times: 1 })
    sb.controls.injectFault({ kind: 'throttle', code: 17, path: 'me', times: 1 })
    const items = (await batch([meItem(a), meItem(b), meItem(a)])).json as (Item | null)[]
    const nulls = items.filter((i) => i === null)
    expect(nulls).toHaveLength(1)
    const codes = items.filter((i): i is Item => i !== null).map((i) => i.code)
    expect(codes.sort()).toEqual([200, 400])
  })

  it('answers items that are not requests with an item error', async () => {
    const items = (await batch([{ method: 'GET' }, 'x', { method: 'POST', relative_url: '/', body: 'batch=[]' }])).json as Item[]
    expect(items.map((i) => i.code)).toEqual([400, 400, 400])
  })
})
