import type { LoginOutcome, LoginWindow, Timers } from '../core/ports'
import { systemTimers } from '../core/ports'

export const LOGIN_CALLBACK_PATH = '/login/callback'

/** The redirect URI the core registers with the practice app when the web host serves it. */
export function webLoginRedirectUri(origin: string): string {
  return `${origin}${LOGIN_CALLBACK_PATH}`
}

/** The host's side of the popup: startWebHost wires these to its /login routes. */
export interface LoginPopupHost {
  attach(origin: string): void
  /** The host is closing: a pending login is cancelled, waiting popups get nothing. */
  detach(): void
  /** GET /login/start: the pending dialog URL, waiting up to `waitMs` for one to appear. */
  claim(waitMs: number): Promise<string | null>
  /** GET /login/callback: hands the URL to the pending open(); false when none was waiting. */
  complete(url: string): boolean
}

export interface WebLoginWindow extends LoginWindow {
  /** http://127.0.0.1:PORT/login/callback; throws until the host listens. */
  redirectUri(): string
  readonly host: LoginPopupHost
}

export interface WebLoginWindowOptions {
  /** How long open() waits for the popup to ask for the dialog before giving up. */
  arrivalMs?: number
  timers?: Timers
}

interface Pending {
  url: string
  claimed: boolean
  settle(outcome: LoginOutcome): void
}

interface Waiter {
  give(url: string | null): void
}

/**
 * The LoginWindow port for a browser. The renderer opens /login/start in a popup on the
 * user's click (only a click may open one), then asks the core to log in; the core calls
 * open(), whose dialog URL the waiting popup is redirected to. The dialog's redirect lands on
 * /login/callback here, on loopback, and that URL is open()'s answer.
 */
export function createWebLoginWindow(options: WebLoginWindowOptions = {}): WebLoginWindow {
  const timers = options.timers ?? systemTimers
  const arrivalMs = options.arrivalMs ?? 30_000
  let origin: string | null = null
  let pending: Pending | null = null
  const waiters = new Set<Waiter>()

  const settlePending = (outcome: LoginOutcome): void => pending?.settle(outcome)

  const blocked = (message: string): Promise<LoginOutcome> => Promise.resolve({ kind: 'blocked', message })

  const host: LoginPopupHost = {
    attach(at) {
      origin = at
    },
    detach() {
      origin = null
      settlePending({ kind: 'cancelled' })
      for (const waiter of [...waiters]) waiter.give(null)
    },
    claim(waitMs) {
      if (pending) {
        pending.claimed = true
        return Promise.resolve(pending.url)
      }
      if (origin === null) return Promise.resolve(null)
      return new Promise((resolve) => {
        const waiter: Waiter = {
          give(url) {
            if (!waiters.delete(waiter)) return
            timers.clearTimeout(timer)
            resolve(url)
          },
        }
        const timer = timers.setTimeout(() => waiter.give(null), waitMs)
        waiters.add(waiter)
      })
    },
    complete(url) {
      if (!pending) return false
      settlePending({ kind: 'redirect', url })
      return true
    },
  }

  return {
    host,
    redirectUri() {
      if (origin === null) throw new Error('The web host is not listening, so it has no login redirect address yet.')
      return webLoginRedirectUri(origin)
    },
    open({ url, redirectUri, timeoutMs }) {
      if (origin === null) return blocked('The web host is not running, so there is no browser window to log in with.')
      if (redirectUri !== webLoginRedirectUri(origin)) {
        return blocked('This login would return to another address than this web host, so it cannot be caught here.')
      }
      if (!isWebUrl(url)) return blocked('The login dialog address is not a web address.')
      settlePending({ kind: 'cancelled' })

      return new Promise<LoginOutcome>((resolve) => {
        const mine: Pending = {
          url,
          claimed: false,
          settle(outcome) {
            if (pending !== mine) return
            pending = null
            timers.clearTimeout(timeout)
            timers.clearTimeout(arrival)
            resolve(outcome)
          },
        }
        const timeout = timers.setTimeout(() => mine.settle({ kind: 'timeout' }), timeoutMs)
        // A popup the browser blocked, or one the user closed at once, never asks for the dialog.
        const arrival = timers.setTimeout(() => {
          if (!mine.claimed) mine.settle({ kind: 'timeout' })
        }, Math.min(arrivalMs, timeoutMs))
        pending = mine
        for (const waiter of [...waiters]) {
          mine.claimed = true
          waiter.give(url)
        }
      })
    },
    clearSession() {
      // The browser's cookies for the dialog's site belong to the user's browser, not to us.
      return Promise.resolve()
    },
  }
}

function isWebUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text)
    return protocol === 'http:' || protocol === 'https:'
  } catch {
    return false
  }
}
