import { afterEach, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../../main/core/sandbox'
import { DEFAULT_REQUEST_LOG_LIMIT, requestRecorder } from '../../../main/core/sandbox/request-log'
import type { RecordedRequest } from '../../../main/core/sandbox/types'

// Issue 20, item 14: the sandbox kept every request, tokens and headers included (about +12 MiB
// per 3,000 calls). These run the sandbox as `serve --sandbox` does: no requestLog option.
const open: Sandbox[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()))
})

async function started(options: Parameters<typeof startSandbox>[0] = {}): Promise<Sandbox> {
  const sb = await startSandbox({ ticking: false, ...options })
  open.push(sb)
  return sb
}

describe('the sandbox request log', () => {
  it('keeps only the newest requests however many calls a rehearsal makes', async () => {
    const sb = await started({ requestLog: { limit: 20 } })
    const token = sb.issueToken({ kind: 'USER' })
    for (let i = 0; i < 200; i++) {
      const reply = await fetch(`${sb.graphUrl}/v25.0/me?fields=id&n=${i}`, { headers: { authorization: `OAuth ${token}` } })
      await reply.arrayBuffer()
    }
    // Trimmed in chunks: never more than the limit and a quarter.
    expect(sb.requests.length).toBeGreaterThanOrEqual(20)
    expect(sb.requests.length).toBeLessThanOrEqual(25)
    expect(sb.requests[sb.requests.length - 1]!.params.n).toBe('199')
    expect(sb.requests.some((r) => r.params.n === '0')).toBe(false)
  })

  it('blanks tokens, secrets and credential headers, and keeps the rest', async () => {
    const sb = await started()
    const token = sb.issueToken({ kind: 'USER' })
    const batch = JSON.stringify([{ method: 'GET', relative_url: `me?fields=id&access_token=${token}` }])
    await (await fetch(`${sb.graphUrl}/v25.0/me?fields=id&access_token=${token}`)).arrayBuffer()
    await (await fetch(`${sb.graphUrl}/v25.0/me?fields=name`, { headers: { authorization: `OAuth ${token}`, 'x-test': 'kept' } })).arrayBuffer()
    await (await fetch(`${sb.graphUrl}/v25.0/`, { method: 'POST', body: new URLSearchParams({ batch, access_token: token }) })).arrayBuffer()
    expect(sb.requests.length).toBeGreaterThanOrEqual(4) // three calls and the batch item
    expect(JSON.stringify(sb.requests)).not.toContain(token)
    expect(sb.requests[0]!.params).toMatchObject({ fields: 'id', access_token: '[redacted]' })
    expect(sb.requests[1]!.headers).toMatchObject({ authorization: '[redacted]', 'x-test': 'kept' })
  })

  it('stays the same size in memory after many calls (default limit)', () => {
    const requests: RecordedRequest[] = []
    const record = requestRecorder(requests)
    const one = (i: number): RecordedRequest => ({
      side: 'graph', method: 'GET', path: '/v25.0/me', params: { access_token: `EAA${'x'.repeat(200)}${i}`, fields: 'id' },
      headers: { 'user-agent': 'u'.repeat(200) }, batchItem: false, at: i,
    })
    for (let i = 0; i < 3 * DEFAULT_REQUEST_LOG_LIMIT; i++) record(one(i))
    const afterThree = requests.length
    for (let i = 0; i < 20 * DEFAULT_REQUEST_LOG_LIMIT; i++) record(one(i))
    expect(requests.length).toBeLessThanOrEqual(DEFAULT_REQUEST_LOG_LIMIT * 1.25)
    expect(Math.abs(requests.length - afterThree)).toBeLessThanOrEqual(DEFAULT_REQUEST_LOG_LIMIT / 4)
    expect(requests.every((r) => r.params.access_token === '[redacted]')).toBe(true)
  })

  it('keeps values as sent only when a test asks for raw', async () => {
    const sb = await started({ requestLog: { raw: true } })
    const token = sb.issueToken({ kind: 'USER' })
    await (await fetch(`${sb.graphUrl}/v25.0/me?fields=id&access_token=${token}`)).arrayBuffer()
    expect(sb.requests[0]!.params.access_token).toBe(token)
  })
})
