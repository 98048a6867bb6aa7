import { constantTimeEqual, randomUrlSafe, s256 } from './pkce'

/** One login attempt in flight: what the redirect must match, and the PKCE verifier. */
export interface PendingLogin {
  state: string
  verifier: string | null
  challenge: string | null
  redirectUri: string
  scopes: string[]
  createdAt: number
}

export function newPendingLogin(opts: {
  redirectUri: string
  scopes: string[]
  usePkce: boolean
  now: number
}): PendingLogin {
  const verifier = opts.usePkce ? randomUrlSafe(32) : null
  return {
    state: randomUrlSafe(32),
    verifier,
    challenge: verifier ? s256(verifier) : null,
    redirectUri: opts.redirectUri,
    scopes: [...opts.scopes],
    createdAt: opts.now,
  }
}

/**
 * Holds the attempts in flight. `take` is single use: whatever the outcome, a state can be
 * presented once, so a replayed redirect is refused.
 */
export class PendingLogins {
  private readonly pending: PendingLogin[] = []

  add(login: PendingLogin): void {
    this.pending.push(login)
  }

  take(state: string): PendingLogin | null {
    const index = this.pending.findIndex((p) => constantTimeEqual(p.state, state))
    if (index < 0) return null
    const [found] = this.pending.splice(index, 1)
    return found ?? null
  }

  clear(): void {
    this.pending.length = 0
  }

  get size(): number {
    return this.pending.length
  }
}
