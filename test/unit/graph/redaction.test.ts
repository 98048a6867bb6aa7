import { inspect } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { createLogger, memorySink } from '../../../main/core/log'
import { redact } from '../../../main/core/redact'
import { appsecretProof, createGraphClient } from '../../../main/core/graph'
import type { ScriptedServer } from '../../support/scripted-server'
import { startScriptedServer } from '../../support/scripted-server'
import { APP_ID, graphError, rejection } from './harness'

// Deliberately not token-shaped, so only exact-value scrubbing can hide them.
const SECRET = 'a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4'
const USER = 'opaqueUserTokenValue_1'
const CODE = 'opaqueAuthCodeValue_22'
const VERIFIER = 'opaqueVerifierValue_333-opaqueVerifierValue_333'
const INPUT = 'opaqueInputTokenValue_4'
const SHAPED = 'EAAGshapedUserTokenValue0123456789'
const SECRETS = [SECRET, USER, CODE, VERIFIER, INPUT, SHAPED, appsecretProof(USER, SECRET), appsecretProof(SHAPED, SECRET), `${APP_ID}|${SECRET}`]

let server: ScriptedServer
afterEach(() => server.close())

/** Graph echoing whatever secret it was sent, as some error texts do. */
const echoing = (value: string, code: number, extra: Record<string, unknown> = {}) => ({ status: 400, body: graphError(code, `Problem with ${value} and ${SECRET}`, extra) })

describe('no secret reaches a log line or an error (R34)', () => {
  it('across network failures, 190s, a wrong secret and exchange errors', async () => {
    server = await startScriptedServer()
    const sink = memorySink()
    // A fetch whose errors quote the whole URL, token and proof included.
    const failingFetch: typeof fetch = (input) => {
      const url = input instanceof URL ? input.href : typeof input === 'string' ? input : input.url
      return Promise.reject(new TypeError(`fetch failed for ${url}`, { cause: new Error(`connect to ${url} refused`) }))
    }
    const base = { appId: APP_ID, appSecret: SECRET, log: createLogger(sink, 'debug'), sleep: () => Promise.resolve(), random: () => 0.5 }
    const client = createGraphClient({ ...base, graphUrl: server.url })
    const offline = createGraphClient({ ...base, fetch: failingFetch, retry: { maxAttempts: 2 } })

    server.enqueue(
      echoing(USER, 190, { error_subcode: 460 }),
      echoing(SHAPED, 190),
      echoing(CODE, 1),
      echoing(CODE, 100, { error_subcode: 36009 }),
      echoing(VERIFIER, 1),
      echoing(USER, 100),
      { drop: true },
      { body: [{ code: 400, body: JSON.stringify(graphError(190, `bad ${INPUT} ${APP_ID}|${SECRET}`)) }] },
      { status: 400, body: graphError(1, 'Error validating client secret.') },
    )
    const failures = [
      await rejection(client.me(USER)),
      await rejection(client.accounts(SHAPED)),
      await rejection(client.exchangeCode({ code: CODE, redirectUri: 'https://x.example/cb' })),
      await rejection(client.exchangeCode({ code: CODE, redirectUri: 'https://x.example/cb', codeVerifier: VERIFIER })),
      await rejection(client.exchangeCode({ code: CODE, redirectUri: 'https://x.example/cb', codeVerifier: VERIFIER })),
      await rejection(client.exchangeForLongLived(USER)),
      await rejection(client.exchangeCode({ code: CODE, redirectUri: 'https://x.example/cb', codeVerifier: VERIFIER })),
      await rejection(offline.me(USER)),
      await rejection(offline.debugToken(INPUT)),
      await rejection(offline.exchangeCode({ code: CODE, redirectUri: 'https://x.example/cb', codeVerifier: VERIFIER })),
    ]
    const batched = await client.debugTokens([INPUT])
    failures.push(await rejection(client.appToken()))

    expect(failures.map((f) => (f as { kind: string }).kind)).toEqual([
      'token-dead', 'token-dead', 'transient', 'code-reused', 'transient', 'bad-request', 'network', 'network', 'network', 'network', 'configuration',
    ])
    expect(batched[0]).toMatchObject({ ok: false, error: { kind: 'token-dead' } })
    expect(sink.records.length).toBeGreaterThan(10)

    const texts = [
      JSON.stringify(sink.records),
      JSON.stringify(batched),
      ...failures.flatMap((f) => [String(f), JSON.stringify(redact(f)), inspect(f, { depth: 10 }), (f as Error).stack ?? '', JSON.stringify({ ...(f as object) })]),
    ]
    for (const text of texts) for (const secret of SECRETS) expect(text).not.toContain(secret)
    // The failures still say what happened, in plain words.
    expect(String(failures[0])).toContain('password')
  })
})
