import { createParser } from 'eventsource-parser'
import type { AppState, BridgeError, Input, Method, Reply, TokenDeskApi } from '../../../preload/api'
import { METHODS } from '../../../preload/api'

/** The web host runs the login in a browser popup whose redirect it catches on loopback. */
const POPUP_METHODS: ReadonlySet<Method> = new Set<Method>(['login', 'reauthorize', 'startSystemUser', 'rotateToken'])

/** Header names the web host reads (main/web/launch-key.ts). */
const SESSION_HEADER = 'x-token-desk-session'
const LAUNCH_HEADER = 'x-token-desk-launch'

/**
 * Said when the page holds no session: it lives in this page's memory only (no cookie, which
 * every server on 127.0.0.1 would receive), so a reload or a copied address has none.
 */
export const NO_SESSION =
  'This tab has no key to Token Desk: it was reloaded, or opened without its link. Token Desk keeps that key in the page’s memory only, so that no other page your browser visits can use it. Open the newest link `token-desk serve` printed in its terminal (it prints a fresh one each time one is used).'

const failure = (code: BridgeError['code'], message: string): { ok: false; error: BridgeError } => ({
  ok: false,
  error: { code, message },
})

/** The launch key from the address's fragment, taken out of the address bar and the history entry at once. */
function takeLaunchKey(): string | null {
  const key = new URLSearchParams(window.location.hash.slice(1)).get('key')
  if (window.location.hash) history.replaceState(null, '', window.location.pathname + window.location.search)
  return key
}

/** The launch key, spent for a session held in this closure only. */
async function openSession(key: string | null): Promise<string | null> {
  if (!key) return null
  try {
    const response = await fetch('/api/session', { method: 'POST', credentials: 'omit', headers: { 'x-token-desk': '1', [LAUNCH_HEADER]: key } })
    if (!response.ok) return null
    const body = (await response.json()) as { session?: unknown }
    return typeof body.session === 'string' ? body.session : null
  } catch {
    return null
  }
}

/** Must run inside the click handler: browsers only allow popups opened by a user gesture. */
function openBlankPopup(): Window | null {
  return window.open('about:blank', 'token-desk-login', 'popup,width=600,height=720')
}

export function createHttpBridge(): TokenDeskApi {
  const session = openSession(takeLaunchKey())

  const send = async (path: string, body: string | undefined): Promise<Response | null> => {
    const held = await session
    if (held === null) return null
    return fetch(path, {
      method: 'POST',
      credentials: 'omit',
      headers: { 'content-type': 'application/json', 'x-token-desk': '1', [SESSION_HEADER]: held },
      ...(body === undefined ? {} : { body }),
    })
  }

  async function post<M extends Method>(method: M, input: Input<M>): Promise<Reply<M>> {
    let response: Response | null
    try {
      response = await send(`/api/call/${method}`, JSON.stringify(input))
    } catch {
      return failure('network', 'Token Desk is not answering. Is the `token-desk serve` window still running?')
    }
    if (response === null) return failure('not-allowed', NO_SESSION)
    try {
      return (await response.json()) as Reply<M>
    } catch {
      if (response.status === 401 || response.status === 403) return failure('not-allowed', NO_SESSION)
      return failure('failed', `Token Desk answered with an error (HTTP ${response.status}). Try again.`)
    }
  }

  /** The popup goes to /login/start with a one-time ticket: a navigation carries no header. */
  async function sendPopup(popup: Window): Promise<void> {
    try {
      const response = await send('/api/popup-ticket', undefined)
      const ticket = response?.ok ? ((await response.json()) as { ticket?: unknown }).ticket : null
      if (typeof ticket !== 'string') throw new Error('no ticket')
      popup.location.replace(`${window.location.origin}/login/start?ticket=${encodeURIComponent(ticket)}`)
    } catch {
      popup.close()
    }
  }

  const call = <M extends Method>(method: M) =>
    (input: Input<M>): Promise<Reply<M>> => {
      if (POPUP_METHODS.has(method)) {
        const popup = openBlankPopup()
        if (popup === null) {
          return Promise.resolve(
            failure('failed', 'Your browser blocked the Facebook login window. Allow pop-ups for this page, then try again.'),
          )
        }
        void sendPopup(popup)
      }
      return post(method, input)
    }

  const methods = Object.fromEntries(METHODS.map((m) => [m, call(m)])) as Omit<TokenDeskApi, 'onState'>

  return {
    ...methods,
    onState(listener: (state: AppState) => void) {
      const stop = new AbortController()
      void streamStates(session, listener, stop.signal)
      return () => stop.abort()
    },
  }
}

/**
 * The state stream over fetch, not EventSource: EventSource cannot send a header, and the
 * session must never sit in a URL (history, logs). Reconnects as EventSource would, after the
 * server's `retry`; a refused session ends it (the next call says why).
 */
async function streamStates(session: Promise<string | null>, listener: (state: AppState) => void, signal: AbortSignal): Promise<void> {
  const held = await session
  if (held === null) return
  let retryMs = 2000
  const parser = createParser({
    onEvent(event) {
      if (event.event !== 'state') return
      try {
        listener(JSON.parse(event.data) as AppState)
      } catch {
        // A malformed event is dropped; the next one carries the whole state again.
      }
    },
    onRetry: (ms) => void (retryMs = ms),
  })
  while (!signal.aborted) {
    try {
      const response = await fetch('/api/events', { credentials: 'omit', headers: { [SESSION_HEADER]: held }, signal })
      if (response.status === 401 || response.status === 403) return
      const reader = response.body?.getReader()
      const decoder = new TextDecoder()
      for (;;) {
        if (!reader) break
        const { value, done } = await reader.read()
        if (done) break
        parser.feed(decoder.decode(value, { stream: true }))
      }
    } catch {
      // Dropped or aborted: try again below unless stopped.
    }
    parser.reset()
    if (signal.aborted) return
    await new Promise((resolve) => setTimeout(resolve, retryMs))
  }
}
