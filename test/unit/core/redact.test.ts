import { afterEach, describe, expect, it } from 'vitest'
import { createLogger, memorySink } from '../../../main/core/log'
import { REDACTED, forgetSecrets, mask, redact, redactText, registerSecret } from '../../../main/core/redact'

const userToken = 'EAAGm0PX4ZCpsBAExampleUserToken1234567890abcdef'
const appToken = '1234567890123|Zx8_k2Lq9Pp0aBcDeFgHiJ'
const proof = 'a'.repeat(32) + 'b'.repeat(32)
const code = 'AQBx9example-authorization-code_0123456789'

afterEach(() => forgetSecrets())

describe('redactText', () => {
  it.each([
    [`https://graph.facebook.com/v25.0/me?access_token=${userToken}&fields=id`, userToken],
    [`https://graph.facebook.com/oauth/access_token?client_secret=s3cr3tvalue&code=${code}`, code],
    [`GET /debug_token?input_token=opaque-short&access_token=${appToken}`, appToken],
    [`{"access_token":"${userToken}","token_type":"bearer"}`, userToken],
    [`appsecret_proof=${proof}`, proof],
    [`login_success.html#access_token=opaque_value_here&state=abc123state`, 'abc123state'],
    [`error: token ${userToken} rejected`, userToken],
  ])('removes the secret from %s', (text, secret) => {
    const out = redactText(text)
    expect(out).not.toContain(secret)
    expect(out).toContain(REDACTED)
  })

  it('keeps ordinary text and ids', () => {
    expect(redactText('page 102927594431953 checked, 3 tokens valid')).toBe('page 102927594431953 checked, 3 tokens valid')
  })

  it('hides registered secrets that have no recognisable shape', () => {
    registerSecret('plainlookingsecret')
    expect(redactText('wrong secret plainlookingsecret given')).toBe(`wrong secret ${REDACTED} given`)
  })
})

describe('redact', () => {
  it('walks objects, arrays and nested error causes', () => {
    const inner = new Error(`fetch failed for ?access_token=${userToken}`)
    const outer = new Error('exchange failed', { cause: inner })
    const out = JSON.stringify(redact({ list: [{ token: 'anything-at-all' }], err: outer, fine: 42 }))
    expect(out).not.toContain(userToken)
    expect(out).not.toContain('anything-at-all')
    expect(out).toContain('"fine":42')
    expect(out).toContain('exchange failed')
  })
})

describe('logger', () => {
  it('redacts messages and fields before the sink sees them', () => {
    const sink = memorySink()
    const log = createLogger(sink, 'debug')
    log.warn(`retrying ${userToken}`, { url: `https://x/?fb_exchange_token=${userToken}`, code })
    const line = JSON.stringify(sink.records)
    expect(line).not.toContain(userToken)
    expect(line).not.toContain(code)
    expect(sink.records).toHaveLength(1)
  })
})

describe('mask', () => {
  it('shows only the last four characters', () => {
    expect(mask(userToken)).toBe('…cdef')
  })
})
