import { realpath, stat } from 'node:fs/promises'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { AppCore } from '../core/app/types'
import type { Logger } from '../core/ports'
import { handleApiCall } from './api-call'
import type { EventStreams } from './events'
import { HEARTBEAT_MS, createEventStreams } from './events'
import type { LaunchKeys } from './launch-key'
import { LAUNCH_HEADER, createLaunchKeys, launchUrl } from './launch-key'
import type { WebLoginWindow } from './login-popups'
import { webLoginRedirectUri } from './login-popups'
import type { LoginRoutes } from './login-routes'
import { LOGIN_START_WAIT_MS, handleLoginRoute } from './login-routes'
import { FOREIGN_ORIGIN, NEEDS_LAUNCH_URL, NOT_FOUND, TICKET_SPENT, WRONG_HOST } from './pages'
import { sendJson, sendText } from './respond'
import type { Refusal } from './request-guard'
import { allowedHosts, checkApiRequest, checkHost, checkOrigin, checkSession } from './request-guard'
import { serveStatic } from './static-files'

/**
 * Builds the core once the port is known, for a core that must be told the login redirect URI
 * (`practice.redirectUri`) at construction while the port is chosen by the system.
 */
export type CoreFactory = (where: { origin: string; redirectUri: string }) => AppCore | Promise<AppCore>

export interface WebHostOptions {
  /** The core, or a factory called once the host listens (see CoreFactory). */
  core: AppCore | CoreFactory
  /** The built renderer (out/renderer), holding index.html. */
  rendererDir: string
  /** 0 or absent: a free port chosen by the system. */
  port?: number
  log: Logger
  loginPopups: WebLoginWindow
  /** Tests shorten these; the defaults suit people. */
  heartbeatMs?: number
  loginStartWaitMs?: number
  /**
   * Called with a fresh launch URL each time the last one was used: it works once, and a tab
   * that is reloaded loses its session (it lives in the page's memory), so the person needs a
   * new one. `token-desk serve` prints it on standard output.
   */
  onLaunchUrl?: (url: string) => void
}

export interface WebHost {
  /** The first launch URL, holding a one-time key in its fragment: print it, log it never. */
  url: string
  /** http://127.0.0.1:PORT */
  origin: string
  /** The core served: the one passed in, or the one the factory built. */
  core: AppCore
  close(): Promise<void>
}

interface Context {
  core: AppCore
  root: string
  log: Logger
  launch: LaunchKeys
  hosts: ReadonlySet<string>
  events: EventStreams
  login: LoginRoutes
}

/**
 * Serves the renderer and the bridge on 127.0.0.1. The caller owns the core: it starts it
 * before and stops it after; the host only calls it.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const root = await rendererRoot(options.rendererDir)
  let ctx: Context | null = null
  const server = createServer((req, res) => {
    // Until the core is built nobody has the launch URL; a stray early request waits its turn.
    if (!ctx) return sendText(res, 503, 'Token Desk is starting. Try again in a moment.\n')
    handle(req, res, ctx).catch((error: unknown) => {
      options.log.error('the web host failed to answer a request', { error })
      if (!res.headersSent) sendText(res, 500, 'Something went wrong inside Token Desk. The details are in its log.\n')
      else res.destroy()
    })
  })
  const port = await listen(server, options.port ?? 0)
  const origin = `http://127.0.0.1:${port}`
  options.loginPopups.host.attach(origin)
  let core: AppCore
  try {
    core = typeof options.core === 'function' ? await options.core({ origin, redirectUri: webLoginRedirectUri(origin) }) : options.core
  } catch (error) {
    options.loginPopups.host.detach()
    await new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
    throw error
  }
  const launch = createLaunchKeys({ onFresh: (key) => options.onLaunchUrl?.(launchUrl(origin, key)) })
  const events = createEventStreams(core, options.log, options.heartbeatMs ?? HEARTBEAT_MS)
  ctx = {
    core,
    root,
    log: options.log,
    launch,
    hosts: allowedHosts(port),
    events,
    login: { popups: options.loginPopups.host, log: options.log, startWaitMs: options.loginStartWaitMs ?? LOGIN_START_WAIT_MS },
  }
  options.log.info('the web host is listening', { origin })

  let closing: Promise<void> | null = null
  return {
    url: launchUrl(origin, launch.current()),
    origin,
    core,
    close() {
      closing ??= new Promise<void>((resolve) => {
        options.loginPopups.host.detach()
        events.endAll()
        server.close(() => resolve())
        server.closeAllConnections()
        options.log.info('the web host has stopped')
      })
      return closing
    },
  }
}

async function rendererRoot(dir: string): Promise<string> {
  try {
    const root = await realpath(dir)
    if ((await stat(join(root, 'index.html'))).isFile()) return root
  } catch {
    // Reported below, in words that say what to do.
  }
  throw new Error(`The renderer is not built: ${join(dir, 'index.html')} is missing. Run \`npm run build\` first.`)
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} on 127.0.0.1 is already in use. Choose another with --port, or leave it out.`)
          : error,
      )
    })
    server.listen({ host: '127.0.0.1', port }, () => resolve((server.address() as AddressInfo).port))
  })
}

const REFUSAL_TEXT: Record<Refusal['reason'], string> = {
  host: WRONG_HOST,
  origin: FOREIGN_ORIGIN,
  session: NEEDS_LAUNCH_URL,
  method: 'That method is not used here.\n',
  'api-header': FOREIGN_ORIGIN,
  'fetch-site': FOREIGN_ORIGIN,
}

function refuse(res: ServerResponse, refusal: Refusal): void {
  sendText(res, refusal.status, REFUSAL_TEXT[refusal.reason])
}

async function handle(req: IncomingMessage, res: ServerResponse, ctx: Context): Promise<void> {
  const method = req.method ?? 'GET'
  const requestTarget = req.url ?? ''
  // Origin-form only: browsers never send a proxy's absolute form, and the raw path is what the
  // static files check (a URL parser would read `//x` as a host and tidy `..` away).
  if (!requestTarget.startsWith('/')) return sendText(res, 400, 'Bad request.\n')
  const queryAt = requestTarget.indexOf('?')
  const pathname = queryAt < 0 ? requestTarget : requestTarget.slice(0, queryAt)
  const query = new URLSearchParams(queryAt < 0 ? '' : requestTarget.slice(queryAt + 1))
  // The path only: a query may hold a popup ticket or a login code.
  ctx.log.debug('request', { method, path: pathname })

  const refusal =
    checkHost(req.headers, ctx.hosts) ??
    (method === 'GET' || method === 'HEAD' || method === 'POST' ? null : ({ status: 405, reason: 'method' } as const)) ??
    (method === 'POST' ? checkOrigin(req.headers, true) : null)
  if (refusal) return refuse(res, refusal)

  if (pathname.startsWith('/api/')) return handleApi(req, res, pathname, method, ctx)
  if (method === 'POST') return refuse(res, { status: 405, reason: 'method' })
  if (pathname === '/login/start' && !ctx.launch.spendTicket(query.get('ticket') ?? '')) return sendText(res, 403, TICKET_SPENT)
  // The page and its files hold no secret, so they need no session: the bridge asks for one
  // with the key in the page's own fragment. The login callback is checked by its OAuth state.
  if (pathname.startsWith('/login/')) return handleLoginRoute(req, res, pathname, ctx.login)
  return serveStatic(res, ctx.root, pathname)
}

async function handleApi(req: IncomingMessage, res: ServerResponse, pathname: string, method: string, ctx: Context): Promise<void> {
  const refusal = checkOrigin(req.headers, false) ?? checkApiRequest(req.headers, method === 'POST')
  if (refusal) return refuse(res, refusal)
  if (pathname === '/api/session') {
    if (method !== 'POST') return refuse(res, { status: 405, reason: 'method' })
    const key = req.headers[LAUNCH_HEADER]
    const session = typeof key === 'string' ? ctx.launch.exchange(key) : null
    if (session === null) return refuse(res, { status: 401, reason: 'session' })
    ctx.log.info('a browser tab opened the launch URL; a fresh one was made for the next')
    return sendJson(res, 200, { session })
  }
  const noSession = checkSession(req.headers, ctx.launch)
  if (noSession) return refuse(res, noSession)
  if (pathname === '/api/popup-ticket') {
    if (method !== 'POST') return refuse(res, { status: 405, reason: 'method' })
    return sendJson(res, 200, { ticket: ctx.launch.popupTicket() })
  }
  if (pathname === '/api/events') {
    if (method !== 'GET') return refuse(res, { status: 405, reason: 'method' })
    return ctx.events.open(req, res)
  }
  const call = /^\/api\/call\/([^/]+)$/.exec(pathname)
  if (call?.[1] !== undefined) {
    if (method !== 'POST') return refuse(res, { status: 405, reason: 'method' })
    return handleApiCall(req, res, call[1], ctx.core, ctx.log)
  }
  return sendText(res, 404, NOT_FOUND)
}
