import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AppState } from '../../../preload/api'
import type { ExtraRoutes } from './static-server'

export interface SeenCall {
  method: string
  body: unknown
  headers: { contentType?: string | undefined; marker?: string | undefined; origin?: string | undefined; session?: string | undefined; cookie?: string | undefined }
}

const LAUNCH_KEY = 'fake-host-launch-key-0123456789abcdefghijklmn'
const SESSION = 'fake-host-session-0123456789abcdefghijklmnop'

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let text = ''
    request.on('data', (chunk: Buffer) => (text += chunk.toString()))
    request.on('end', () => resolve(text))
  })

/**
 * Just enough of the web host's protocol to prove the HTTP bridge speaks it (main/web/host.ts):
 * the launch key from the URL's fragment traded once at POST /api/session for a session that
 * every later request carries in its header, POST /api/call/<method> answering a Reply, SSE on
 * /api/events, and /login/start for the popup with a ticket from POST /api/popup-ticket.
 */
export function fakeWebHost(initial: AppState) {
  let state = initial
  const calls: SeenCall[] = []
  const streams = new Set<ServerResponse>()
  let popupOpened = false
  const push = (next: AppState) => {
    state = next
    for (const stream of streams) stream.write(`event: state\ndata: ${JSON.stringify(state)}\n\n`)
  }

  const answer: Record<string, (body: Record<string, unknown>) => Promise<unknown>> = {
    getState: () => Promise.resolve(state),
    startPractice: () => {
      push({ ...state, mode: 'practice' })
      return Promise.resolve(state)
    },
    choosePurpose: (body) => {
      push({ ...state, wizard: { step: 'connect', purpose: body.purpose as 'manage-ads', scopes: ['ads_management'] } })
      return Promise.resolve(state)
    },
    login: async () => {
      push({ ...state, wizard: { step: 'working', purpose: 'manage-ads', label: 'Waiting for the popup…' } })
      await new Promise((resolve) => setTimeout(resolve, 300))
      push({ ...state, wizard: { step: 'failed', purpose: 'manage-ads', message: 'Simulated: the popup was closed.', canPaste: false } })
      return state
    },
  }

  let exchanged = 0
  const tickets = new Set<string>()
  const refuse = (response: ServerResponse): true => {
    response.writeHead(401, { 'content-type': 'text/plain' }).end('no session\n')
    return true
  }
  const routes: ExtraRoutes = async (path, request, response) => {
    if (path === '/api/session' && request.method === 'POST') {
      if (request.headers['x-token-desk-launch'] !== LAUNCH_KEY || exchanged > 0) return refuse(response)
      exchanged++
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ session: SESSION }))
      return true
    }
    if (path.startsWith('/api/') && request.headers['x-token-desk-session'] !== SESSION) return refuse(response)
    if (path === '/api/popup-ticket') {
      const ticket = `ticket-${tickets.size}`
      tickets.add(ticket)
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ticket }))
      return true
    }
    if (path === '/api/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' })
      response.write(': hello\n\n')
      streams.add(response)
      request.on('close', () => streams.delete(response))
      return true
    }
    if (path === '/login/start') {
      const ticket = new URL(request.url ?? '', 'http://x').searchParams.get('ticket') ?? ''
      if (!tickets.delete(ticket)) return refuse(response)
      popupOpened = true
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      response.end('<!doctype html><html lang="en"><title>Simulated login</title><p>Simulated Facebook</p></html>')
      return true
    }
    const method = /^\/api\/call\/([A-Za-z]+)$/.exec(path)?.[1]
    if (!method || request.method !== 'POST') return false
    const body = JSON.parse((await readBody(request)) || 'null') as Record<string, unknown>
    calls.push({
      method,
      body,
      headers: {
        contentType: request.headers['content-type'],
        marker: request.headers['x-token-desk'] as string | undefined,
        origin: request.headers.origin,
        session: request.headers['x-token-desk-session'] as string | undefined,
        cookie: request.headers.cookie,
      },
    })
    const run = answer[method]
    const reply = run
      ? { ok: true, value: await run(body) }
      : { ok: false, error: { code: 'failed', message: `The stand-in host does not know ${method}.` } }
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(JSON.stringify(reply))
    return true
  }

  return {
    routes,
    calls,
    push,
    popupOpened: () => popupOpened,
    /** The address the bridge is opened with, as `token-desk serve` prints it. */
    launchUrl: (origin: string) => `${origin}/#key=${LAUNCH_KEY}`,
    session: SESSION,
  }
}
