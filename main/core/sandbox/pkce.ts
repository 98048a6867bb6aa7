import { createHash } from 'node:crypto'
import type { Challenge } from './state'

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/

export const validVerifier = (verifier: string): boolean => VERIFIER.test(verifier)

export function validChallenge(challenge: Challenge): boolean {
  return challenge.method === 'S256' ? S256_CHALLENGE.test(challenge.value) : VERIFIER.test(challenge.value)
}

export function verifierMatches(verifier: string, challenge: Challenge): boolean {
  const derived = challenge.method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier
  return derived === challenge.value
}
