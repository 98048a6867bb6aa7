import { createHmac, timingSafeEqual } from 'node:crypto'
import { nowSeconds, type SandboxContext } from './context'
import { GraphError } from './errors'
import { LIFETIME } from './options'
import type { AppRecord } from './state'

export const proofOf = (secret: string, message: string): string => createHmac('sha256', secret).update(message).digest('hex')

export const missingProof = (): GraphError =>
  new GraphError(100, 'API calls from the server require an appsecret_proof argument', { type: 'GraphMethodException' })
// A stale appsecret_time has no captured error text: reusing "Invalid" is our modelling choice (§15.9).
const invalidProof = (): GraphError =>
  new GraphError(100, 'Invalid appsecret_proof provided in the API argument', { type: 'GraphMethodException' })

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a.toLowerCase())
  const right = Buffer.from(b.toLowerCase())
  return left.length === right.length && timingSafeEqual(left, right)
}

/**
 * Checks `appsecret_proof` for a call made with a user, page or system-user token, in both
 * documented forms: HMAC(secret, token) and HMAC(secret, token|appsecret_time) (graph-api.md §9).
 */
export function checkProof(ctx: SandboxContext, app: AppRecord, token: string, params: Record<string, string>): void {
  const proof = params.appsecret_proof
  const time = params.appsecret_time
  if (proof === undefined || proof === '') {
    if (app.requireAppSecret) throw missingProof()
    return
  }
  if (!app.requireAppSecret && !ctx.state.behaviour.rejectWrongProofWhenNotRequired) return
  if (time === undefined) {
    if (!sameHex(proof, proofOf(app.secret, token))) throw invalidProof()
    return
  }
  if (!/^\d{1,12}$/.test(time) || Math.abs(nowSeconds(ctx) - Number(time)) > LIFETIME.proofWindow) throw invalidProof()
  if (!sameHex(proof, proofOf(app.secret, `${token}|${time}`))) throw invalidProof()
}
