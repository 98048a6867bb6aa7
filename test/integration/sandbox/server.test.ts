import { afterEach, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../../main/core/sandbox'
import { V, call, errorOf, start } from './helpers'

const open: Sandbox[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()))
})
async function started(options: Parameters<typeof start>[0] = {}): Promise<Sandbox> {
  const sb = await start(options)
  open.push(sb)
  return sb
}

describe('listening', () => {
  it.each(['0.0.0.0', '::', 'localhost', '192.168.1.10'])('refuses to bind to %s', async (host) => {
    await expect(startSandbox({ host: host as '127.0.0.1' })).rejects.toThrow('loopback only')
  })

  it('refuses a bad port', async () => {
    await expect(startSandbox({ port: 70000 })).rejects.toThrow('0 to 65535')
  })

  it('listens on a random loopback port by default, and on ::1 when asked', async () => {
    const a = await started()
    const b = await started({ host: '::1' })
    expect(a.graphUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(a.wwwUrl).not.toBe(a.graphUrl)
    expect(b.graphUrl).toMatch(/^http:\/\/\[::1\]:\d+$/)
    expect((await call(b, `/${V}/me`, { access_token: b.issueToken({ kind: 'USER' }) })).status).toBe(200)
  })

  it('seeds the practice app, user, pages and ad accounts', async () => {
    const sb = await started({ pageCount: 5, adAccountCount: 2, extraRedirectUris: ['http://127.0.0.1:4000/cb'] })
    expect(sb.practiceApp.name).toBe('Token Desk Practice')
    expect(sb.practiceApp.secret).toMatch(/^[0-9a-f]{32}$/)
    expect(sb.practiceApp.id).toMatch(/^\d{15}$/)
    expect(sb.practiceApp.redirectUris).toEqual([`${sb.wwwUrl}/connect/login_success.html`, 'http://127.0.0.1:4000/cb'])
    expect(sb.practiceUser.name).toBe('Pat Practice')
    expect(sb.pages).toHaveLength(5)
    expect(sb.adAccounts).toHaveLength(2)
  })

  it('refuses connections after close', async () => {
    const sb = await startSandbox()
    const url = sb.graphUrl
    await sb.close()
    await expect(fetch(`${url}/me`)).rejects.toThrow()
  })
})

describe('requests', () => {
  it('records method, path, merged params and headers', async () => {
    const sb = await started()
    await call(sb, `/${V}/me`, { fields: 'id', access_token: 'EAAxxxxxxxxxxxxx' }, { method: 'POST', form: true, headers: { 'x-test': '1' } })
    const last = sb.requests[sb.requests.length - 1]!
    expect(last).toMatchObject({ side: 'graph', method: 'POST', path: `/${V}/me`, params: { fields: 'id', access_token: 'EAAxxxxxxxxxxxxx' }, batchItem: false })
    expect(last.headers['x-test']).toBe('1')
  })

  it('reads multipart and JSON bodies, and refuses garbage and oversized bodies clearly', async () => {
    const sb = await started()
    const token = sb.issueToken({ kind: 'USER' })
    const form = new FormData()
    form.set('access_token', token)
    expect((await fetch(`${sb.graphUrl}/${V}/me?fields=id`, { method: 'POST', body: form })).status).toBe(400) // POST /me is unsupported
    expect(sb.requests[sb.requests.length - 1]!.params.access_token).toBe(token)
    const json = await fetch(`${sb.graphUrl}/${V}/debug_token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' })
    expect(json.status).toBe(400)
    expect(((await json.json()) as { error: { message: string } }).error.message).toContain('malformed JSON')
    const big = await fetch(`${sb.graphUrl}/${V}/me`, { method: 'POST', body: 'a='.padEnd(1024 * 1024 + 10, 'x') })
    expect(big.status).toBe(413)
    expect(((await big.json()) as { error: { message: string } }).error.message).toContain('larger than 1048576 bytes')
    const odd = await fetch(`${sb.graphUrl}/${V}/me`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' })
    expect(errorOf({ status: odd.status, headers: odd.headers, json: await odd.json() }).message).toContain('unsupported content type')
  })
})

describe('control API', () => {
  it('needs the key: 403 without or with a wrong one', async () => {
    const sb = await started()
    const none = await fetch(`${sb.graphUrl}/__sandbox/changePassword`, { method: 'POST', body: JSON.stringify({ userId: sb.practiceUser.id }) })
    expect(none.status).toBe(403)
    const wrong = await fetch(`${sb.graphUrl}/__sandbox/changePassword`, { method: 'POST', headers: { 'x-sandbox-key': 'nope' }, body: '{}' })
    expect(wrong.status).toBe(403)
    expect(none.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('runs actions with the key, and answers clear errors', async () => {
    const sb = await started()
    const token = sb.issueToken({ kind: 'USER' })
    const post = (action: string, body: unknown) =>
      fetch(`${sb.graphUrl}/__sandbox/${action}`, { method: 'POST', headers: { 'x-sandbox-key': sb.controlKey }, body: JSON.stringify(body) })
    expect((await post('changePassword', { userId: sb.practiceUser.id })).status).toBe(200)
    expect(sb.tokenInfo(token)!.deadSubcode).toBe(460)
    expect((await post('advanceClock', { ms: 1000 })).status).toBe(200)
    expect(sb.clock.now()).toBe(Date.UTC(2026, 2, 3, 12, 0, 1))
    const issued = (await (await post('issueToken', { kind: 'SYSTEM_USER' })).json()) as { result: { token: string } }
    expect(sb.tokenInfo(issued.result.token)!.kind).toBe('SYSTEM_USER')
    const fault = (await (await post('injectFault', { kind: 'http', status: 503, times: 'always', path: '/me' })).json()) as { result: { id: string } }
    expect(fault.result.id).toMatch(/^[0-9a-f-]{36}$/)
    expect((await call(sb, `/${V}/me`)).status).toBe(503)
    expect((await call(sb, `/${V}/me`)).status).toBe(503)
    expect((await post('clearFaults', {})).status).toBe(200)
    expect((await call(sb, `/${V}/me`)).status).toBe(400)
    expect((await post('nothing', {})).status).toBe(404)
    expect((await post('changePassword', {})).status).toBe(400)
    expect((await post('setApp', { appId: sb.practiceApp.id, secret: 'stolen', appType: 'native-desktop' })).status).toBe(200)
    const info = (await (await post('info', {})).json()) as { result: { practiceApp: { secret: string } } }
    expect(info.result.practiceApp.secret).toBe(sb.practiceApp.secret)
    const bad = await fetch(`${sb.graphUrl}/__sandbox/info`, { method: 'POST', headers: { 'x-sandbox-key': sb.controlKey }, body: '[' })
    expect(bad.status).toBe(400)
  })
})
