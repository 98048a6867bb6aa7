import type { AppState, BridgeError, Input, Method, Reply, TokenDeskApi } from '../../../preload/api'
import { METHODS } from '../../../preload/api'

/** The web host runs the login in a browser popup whose redirect it catches on loopback. */
const POPUP_METHODS: ReadonlySet<Method> = new Set<Method>(['login', 'reauthorize', 'startSystemUser', 'rotateToken'])

const failure = (code: BridgeError['code'], message: string): { ok: false; error: BridgeError } => ({
  ok: false,
  error: { code, message },
})

async function post<M extends Method>(method: M, input: Input<M>): Promise<Reply<M>> {
  let response: Response
  try {
    response = await fetch(`/api/call/${method}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-token-desk': '1' },
      body: JSON.stringify(input),
    })
  } catch {
    return failure('network', 'Token Desk is not answering. Is the `token-desk serve` window still running?')
  }
  try {
    return (await response.json()) as Reply<M>
  } catch {
    if (response.status === 401 || response.status === 403) {
      return failure('not-allowed', 'This page is no longer signed in to Token Desk. Open the link that `token-desk serve` printed again.')
    }
    return failure('failed', `Token Desk answered with an error (HTTP ${response.status}). Try again.`)
  }
}

/** Must run inside the click handler: browsers only allow popups opened by a user gesture. */
function openLoginPopup(): boolean {
  const popup = window.open('/login/start', 'token-desk-login', 'popup,width=600,height=720')
  return popup !== null
}

export function createHttpBridge(): TokenDeskApi {
  const call = <M extends Method>(method: M) =>
    (input: Input<M>): Promise<Reply<M>> => {
      if (POPUP_METHODS.has(method) && !openLoginPopup()) {
        return Promise.resolve(
          failure('failed', 'Your browser blocked the Facebook login window. Allow pop-ups for this page, then try again.'),
        )
      }
      return post(method, input)
    }

  const methods = Object.fromEntries(METHODS.map((m) => [m, call(m)])) as Omit<TokenDeskApi, 'onState'>

  return {
    ...methods,
    onState(listener: (state: AppState) => void) {
      const events = new EventSource('/api/events')
      const onMessage = (event: MessageEvent<string>) => {
        try {
          listener(JSON.parse(event.data) as AppState)
        } catch {
          // A malformed event is dropped; the next one carries the whole state again.
        }
      }
      events.addEventListener('state', onMessage)
      return () => {
        events.removeEventListener('state', onMessage)
        events.close()
      }
    },
  }
}
