import type { DialogPage } from '../../preload/api'
import { dialogPageMessage, type DialogContext } from '../core/doctor/dialog-pages'
import type { LoginOutcome, LoginWindow, Timers } from '../core/ports'
import { systemTimers } from '../core/ports'
import { sameSecret } from './launch-key'

/** What a waiting popup is told: where to go, or why Facebook refused the login before it opened. */
export type PopupAnswer = { kind: 'dialog'; url: string } | { kind: 'refused'; text: string }

export const LOGIN_CALLBACK_PATH = '/login/callback'

/**
 * Where the browser login returns: http://localhost:PORT/login/callback, on the host's own port.
 * `localhost`, because Meta allows plain http only for it ("You will still be able to use HTTP
 * with 'localhost' addresses", developers.facebook.com/blog/post/2018/06/08/enforce-https-facebook-login/),
 * and a fixed port, because Strict Mode compares the whole address (login-for-business.md §6).
 */
export function webLoginRedirectUri(origin: string): string {
  const url = new URL(origin)
  return `http://localhost:${url.port}${LOGIN_CALLBACK_PATH}`
}

/** The `state` of a dialog or callback address, or null. */
function stateOf(text: string): string | null {
  try {
    const url = new URL(text)
    return url.searchParams.get('state') ?? new URLSearchParams(url.hash.replace(/^#/, '')).get('state')
  } catch {
    return null
  }
}

/** The host's side of the popup: startWebHost wires these to its /login routes. */
export interface LoginPopupHost {
  attach(origin: string): void
  /** The host is closing: a pending login is cancelled, waiting popups get nothing. */
  detach(): void
  /** GET /login/start: the pending dialog URL (or its refusal), waiting up to `waitMs` for one to appear. */
  claim(waitMs: number): Promise<PopupAnswer | null>
  /**
   * GET /login/callback: hands the URL to the pending open() whose dialog carried the same
   * `state`; false when none was waiting for it. The callback comes without the page's session
   * (it is another origin, localhost, and the web session is the page's own): the state, 256
   * random bits the dialog echoes, is what ties it to the login.
   */
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
  /**
   * Looks at the dialog before the popup goes there and names Facebook's refusal page, if it is
   * one: the popup is cross-origin, so the host cannot read what Facebook shows in it. The host
   * passes core/doctor's probeDialog; without it the popup simply goes to the dialog.
   */
  probe?: (dialogUrl: string) => Promise<DialogPage | null>
}

interface Pending {
  url: string
  /** The dialog's state: only a callback with it settles this login. */
  state: string | null
  claimed: boolean
  /** False while the probe looks at the dialog: popups wait until it is done. */
  ready: boolean
  settle(outcome: LoginOutcome): void
}

interface Waiter {
  give(answer: PopupAnswer | null): void
}

/** What the popup shows instead of Facebook's refusal page. Plain text: nothing here can carry markup. */
export function refusalText(page: DialogPage, context: DialogContext = {}): string {
  return `${dialogPageMessage(page, context)}\n\nToken Desk shows the same in its own window. You can close this window.\n`
}

/** A refusal a popup asked for just too late is still told to it, once, within this time. */
const RECENT_REFUSAL_MS = 30_000

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
  let recentRefusal: { text: string; until: number } | null = null
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
      if (pending?.ready) {
        pending.claimed = true
        return Promise.resolve({ kind: 'dialog', url: pending.url })
      }
      if (!pending && recentRefusal && Date.now() < recentRefusal.until) {
        const text = recentRefusal.text
        recentRefusal = null
        return Promise.resolve({ kind: 'refused', text })
      }
      if (origin === null) return Promise.resolve(null)
      return new Promise((resolve) => {
        const waiter: Waiter = {
          give(answer) {
            if (!waiters.delete(waiter)) return
            timers.clearTimeout(timer)
            resolve(answer)
          },
        }
        const timer = timers.setTimeout(() => waiter.give(null), waitMs)
        waiters.add(waiter)
      })
    },
    complete(url) {
      if (!pending) return false
      const state = stateOf(url)
      if (pending.state !== null && (state === null || !sameSecret(state, pending.state))) return false
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
        let arrival: unknown = null
        const mine: Pending = {
          url,
          state: stateOf(url),
          claimed: false,
          ready: false,
          settle(outcome) {
            if (pending !== mine) return
            pending = null
            timers.clearTimeout(timeout)
            if (arrival !== null) timers.clearTimeout(arrival)
            resolve(outcome)
          },
        }
        const timeout = timers.setTimeout(() => mine.settle({ kind: 'timeout' }), timeoutMs)
        pending = mine
        const release = (): void => {
          if (pending !== mine) return
          mine.ready = true
          // A popup the browser blocked, or one the user closed at once, never asks for the dialog.
          arrival = timers.setTimeout(() => {
            if (!mine.claimed) mine.settle({ kind: 'timeout' })
          }, Math.min(arrivalMs, timeoutMs))
          for (const waiter of [...waiters]) {
            mine.claimed = true
            waiter.give({ kind: 'dialog', url })
          }
        }
        const context = { configUsed: new URL(url).searchParams.has('config_id'), host: 'browser' as const }
        const refuse = (page: DialogPage): void => {
          if (pending !== mine) return
          const text = refusalText(page, context)
          const told = waiters.size > 0
          for (const waiter of [...waiters]) waiter.give({ kind: 'refused', text })
          if (!told) recentRefusal = { text, until: Date.now() + RECENT_REFUSAL_MS }
          mine.settle({ kind: 'blocked', message: dialogPageMessage(page, context), page })
        }
        if (!options.probe) return release()
        options.probe(url).then(
          (page) => (page ? refuse(page) : release()),
          () => release(),
        )
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
