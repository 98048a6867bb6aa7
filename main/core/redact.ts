/**
 * The one redactor. Everything that may end up in a log line, an error message, a CLI message
 * or a bridge reply passes through here first.
 */

/**
 * Field names whose values are always secret. `code` is not one of them: errno codes (ENOENT)
 * and Graph's error codes (190) are facts a report needs. An OAuth code is redacted by where it
 * appears instead (issue 20, item 13): as a query or form parameter, or as the `code` of an
 * OAuth reply (an object that also holds the OAuth state, redirect URI, client id or verifier).
 */
export const SECRET_KEYS = [
  'access_token',
  'client_secret',
  'fb_exchange_token',
  'input_token',
  'appsecret_proof',
  'state',
  'code_verifier',
  'token',
  'secret',
  'appSecret',
  'app_secret',
  'password',
  'passphrase',
  'authorization',
] as const

const secretKeySet = new Set<string>(SECRET_KEYS.map((k) => k.toLowerCase()))

/** A parameter of a query string or a form body: every secret field name, and the OAuth `code`. */
const SECRET_PARAMS = [...SECRET_KEYS, 'code'] as const
const secretParamSet = new Set<string>(SECRET_PARAMS.map((k) => k.toLowerCase()))

/** The keys beside `code` that make an object an OAuth request or reply. */
const OAUTH_SIBLINGS = ['state', 'redirect_uri', 'client_id', 'code_verifier', 'grant_type', 'code_challenge']

export const REDACTED = '[redacted]'

/** Values that look like Graph tokens or app tokens, wherever they appear. */
const TOKEN_SHAPES: RegExp[] = [
  /EAA[A-Za-z0-9_-]{10,}/g, // user, page and system-user tokens
  /\b\d{5,20}\|[A-Za-z0-9_-]{10,}/g, // app tokens: {app-id}|{secret-or-hash}
  /\bAQ[A-Za-z0-9_-]{20,}/g, // authorization codes
  /\b[0-9a-f]{64}\b/gi, // appsecret_proof (hex HMAC-SHA256)
]

// key=value in query strings, fragments and form bodies; "key":"value" in JSON text.
const PAIR_PATTERNS: RegExp[] = [
  new RegExp(`([?&#;\\s]|^)(${SECRET_PARAMS.join('|')})=([^&#\\s"']*)`, 'gi'),
  new RegExp(`("(?:${SECRET_KEYS.join('|')})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi'),
]

/** Extra exact strings to hide (the app secret, a passphrase): registered once they are known. */
const knownSecrets = new Set<string>()

export function registerSecret(value: string | null | undefined): void {
  if (value && value.length >= 6) knownSecrets.add(value)
}

export function forgetSecrets(): void {
  knownSecrets.clear()
}

export function redactText(text: string): string {
  let out = text
  for (const secret of knownSecrets) out = out.split(secret).join(REDACTED)
  for (const shape of TOKEN_SHAPES) out = out.replace(shape, REDACTED)
  out = out.replace(PAIR_PATTERNS[0]!, (_m, lead: string, key: string) => `${lead}${key}=${REDACTED}`)
  out = out.replace(PAIR_PATTERNS[1]!, (_m, head: string) => `${head}"${REDACTED}"`)
  return out
}

/** Deep copy of any value with secrets removed; Errors become plain objects, with their causes. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[deep]'
  if (typeof value === 'string') return redactText(value)
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Error) {
    const out: Record<string, unknown> = { name: value.name, message: redactText(value.message) }
    if (value.stack) out.stack = redactText(value.stack)
    if (value.cause !== undefined) out.cause = redact(value.cause, depth + 1)
    for (const [k, v] of Object.entries(value)) out[k] = isSecretKey(k) ? REDACTED : redact(v, depth + 1)
    return out
  }
  if (value instanceof URL) return redactText(value.href)
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1))
  const out: Record<string, unknown> = {}
  const oauth = Object.keys(value).some((k) => OAUTH_SIBLINGS.includes(k.toLowerCase()))
  for (const [k, v] of Object.entries(value)) out[k] = (isSecretKey(k) || (oauth && k.toLowerCase() === 'code')) && v != null ? REDACTED : redact(v, depth + 1)
  return out
}

/** A field name whose value is always secret (not `code`: see SECRET_KEYS). */
export function isSecretKey(key: string): boolean {
  return secretKeySet.has(key.toLowerCase())
}

/** A query or form parameter whose value is secret: the field names above, and the OAuth `code`. */
export function isSecretParam(key: string): boolean {
  return secretParamSet.has(key.toLowerCase())
}

/** The last four characters, for display: "…abcd". */
export function mask(token: string): string {
  return `…${token.slice(-4)}`
}
