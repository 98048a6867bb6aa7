import { describe, expect, it } from 'vitest'
import { CommandFailure, UsageError } from '../../../main/cli/errors'
import { clockTime, toFailure } from '../../../main/cli/failure'
import { deadline } from '../../../main/cli/graph'
import { classifyGraphError, GraphError } from '../../../main/core/graph'
import { networkErrorInfo } from '../../../main/core/graph/classify'
import { WrongPassphraseError } from '../../../main/core/vault'

const graphError = (body: unknown, status = 400, headers?: Record<string, string>) =>
  new GraphError(classifyGraphError(body, status, headers ? new Headers(headers) : undefined), 'GET /v26.0/me')

describe('exit codes', () => {
  it('maps every kind of failure to the contract code', () => {
    expect(toFailure(new UsageError('bad'))).toEqual({ exitCode: 2, code: 'usage', message: 'bad' })
    expect(toFailure(new CommandFailure('dead', 1, 'expired'))).toMatchObject({ exitCode: 1, code: 'expired' })
    expect(toFailure(new WrongPassphraseError())).toMatchObject({ exitCode: 2, code: 'wrong-passphrase' })
    expect(toFailure(graphError({ error: { code: 1, message: 'Error validating client secret.' } }))).toMatchObject({ exitCode: 2, code: 'wrong-secret' })
    expect(toFailure(graphError({ error: { code: 101, message: 'Error validating application. Invalid application ID.' } }))).toMatchObject({ exitCode: 2, code: 'unknown-app' })
    expect(toFailure(graphError({ error: { code: 190, error_subcode: 463, message: 'Session has expired' } }))).toMatchObject({ exitCode: 1, code: 'expired' })
    expect(toFailure(graphError({ error: { code: 2, message: 'Service temporarily unavailable' } }, 500))).toMatchObject({ exitCode: 3, code: 'graph' })
    expect(toFailure(new GraphError(networkErrorInfo(true), 'GET /v26.0/me'))).toMatchObject({ exitCode: 3, code: 'timeout' })
    expect(toFailure(new Error('boom'))).toMatchObject({ exitCode: 3, code: 'internal' })
  })

  it('says when to try again after a throttle with a wait', () => {
    const now = new Date(2026, 10, 28, 9, 10).getTime()
    const error = graphError({ error: { code: 17, message: 'User request limit reached' } }, 400, { 'retry-after': '1200' })
    expect(toFailure(error, now).message).toContain('rate limited; try again after 09:30.')
    expect(clockTime(now + 20 * 3_600_000, now)).toBe('05:10 on 2026-11-29')
  })

  it('says "after HH:MM" also when Facebook gives no time: the end of the rolling hour it counts calls over', () => {
    const now = new Date(2026, 10, 28, 9, 10).getTime()
    const error = graphError({ error: { code: 4, message: '(#4) Application request limit reached', is_transient: true } })
    expect(error.retryAfterMs).toBeUndefined()
    expect(toFailure(error, now).message).toBe(
      'Facebook is limiting how often this app may call it: rate limited; try again after 10:10 (Facebook gave no time; it counts calls over a rolling hour).',
    )
  })

  it('names the address a request could not reach, and which setting chose it', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4567'), { code: 'ECONNREFUSED' })
    const error = new GraphError(networkErrorInfo(false), 'GET /v27.0/debug_token', new TypeError('fetch failed', { cause: refused }))
    expect(toFailure(error, Date.now(), { graphUrl: 'http://127.0.0.1:4567' }).message).toBe(
      'Could not reach Facebook. It tried http://127.0.0.1:4567 (TOKEN_DESK_GRAPH_URL): connect ECONNREFUSED 127.0.0.1:4567. Check that TOKEN_DESK_GRAPH_URL is right and that the server there is running. (GET /v27.0/debug_token)',
    )
    const offline = new GraphError(networkErrorInfo(false), 'GET /v27.0/me', new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND graph.facebook.com'), { code: 'ENOTFOUND' }) }))
    expect(toFailure(offline).message).toBe(
      'Could not reach Facebook. It tried https://graph.facebook.com: getaddrinfo ENOTFOUND graph.facebook.com. Check the internet connection and try again. (GET /v27.0/me)',
    )
    const late = new GraphError(networkErrorInfo(true), 'GET /v27.0/me', new DOMException('This operation was aborted', 'AbortError'))
    expect(toFailure(late, Date.now(), { graphUrl: 'http://127.0.0.1:4567/' }).message).toBe(
      'Facebook did not answer in time. It tried http://127.0.0.1:4567 (TOKEN_DESK_GRAPH_URL). Check that TOKEN_DESK_GRAPH_URL is right and that the server there is running. (GET /v27.0/me)',
    )
  })

  it('redacts what a Graph message quotes', () => {
    const failure = toFailure(new CommandFailure('token EAAGm0PX4ZCpsBAAxyzxyzxyz was refused', 1))
    expect(failure.message).not.toContain('EAAGm0PX4ZCpsBAAxyzxyzxyz')
  })
})

describe('the command deadline', () => {
  it('cuts retry waits short and refuses new requests once the budget is spent', async () => {
    const limit = deadline(150)
    const started = Date.now()
    await limit.sleep(10_000)
    expect(Date.now() - started).toBeLessThan(1000)
    await expect(limit.fetch('http://127.0.0.1:9/')).rejects.toMatchObject({ name: 'AbortError' })
    limit.dispose()
  })
})
