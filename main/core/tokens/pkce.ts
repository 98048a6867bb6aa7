import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** 32 random bytes, base64url: 256 bits for `state`, 43 characters for a PKCE verifier. */
export function randomUrlSafe(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

/** RFC 7636 S256: BASE64URL(SHA256(verifier)), no padding. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url')
}

/** Compares two strings without leaking where they differ through timing. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8')
  const right = Buffer.from(b, 'utf8')
  // Hash both sides so the comparison length never depends on the attacker's input.
  const l = createHash('sha256').update(left).digest()
  const r = createHash('sha256').update(right).digest()
  return timingSafeEqual(l, r) && left.length === right.length
}
