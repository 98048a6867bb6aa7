import { createHmac } from 'node:crypto'

/** hex(HMAC-SHA256(appSecret, token)) over the exact token string (graph-api.md §9). */
export function appsecretProof(token: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(token, 'utf8').digest('hex')
}

/** App tokens look like `{app-id}|{secret-or-hash}`; they already prove the secret. */
export function isAppToken(token: string): boolean {
  return /^\d+\|/.test(token)
}

/** The `access_token` and, for user, page and system-user tokens, `appsecret_proof` params. */
export function tokenParams(token: string, appSecret: string): Record<string, string> {
  if (isAppToken(token)) return { access_token: token }
  return { access_token: token, appsecret_proof: appsecretProof(token, appSecret) }
}
