import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createSandboxClock } from './clock'
import { driveConsent } from './consent-client'
import type { SandboxContext } from './context'
import { handleControl } from './control-api'
import { createControls } from './controls'
import { GraphError, errorReply, type Reply } from './errors'
import { faultReply, takeFault } from './faults'
import { BodyTooLargeError, headerRecord, paramsOf, readBody, send } from './http-io'
import { newKey } from './ids'
import { issueFromSpec } from './issue'
import { handleWww } from './oauth-dialog'
import { DEFAULT_BEHAVIOUR } from './options'
import { segmentsOf } from './paths'
import { executeGraph } from './router'
import { seedState } from './state'
import { systemUsersOf } from './system-users'
import { snapshot } from './tokens'
import type { Sandbox, SandboxOptions } from './types'
import { requestRecorder } from './request-log'

const LOOPBACK = new Set(['127.0.0.1', '::1'])

function checkPort(port: number | undefined, name: string): number {
  if (port === undefined) return 0
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`The sandbox ${name} must be an integer from 0 to 65535.`)
  return port
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

const sleep = (ms: number): Promise<void> => (ms > 0 ? new Promise((r) => setTimeout(r, ms).unref()) : Promise.resolve())

/**
 * Starts the practice sandbox: a Graph API server and a www (login dialog) server, both on
 * loopback only. Everything is in memory and gone on close().
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1'
  if (!LOOPBACK.has(host)) throw new Error('The practice sandbox listens on loopback only (127.0.0.1 or ::1).')
  const port = checkPort(options.port, 'port')
  const wwwPort = checkPort(options.wwwPort, 'wwwPort')
  const state = seedState({
    appId: options.appId,
    appSecret: options.appSecret,
    pageCount: options.pageCount ?? 3,
    adAccountCount: options.adAccountCount ?? 7,
    pageSize: options.pageSize ?? 25,
    latencyMs: options.latencyMs ?? 0,
    behaviour: { ...DEFAULT_BEHAVIOUR, ...options.behaviour },
    ...(options.tier ? { tier: options.tier } : {}),
  })
  const ctx: SandboxContext = {
    state,
    clock: createSandboxClock(options.now ?? Date.now(), options.ticking ?? false),
    graphUrl: '',
    wwwUrl: '',
    controlKey: newKey(),
    requests: [],
    record: () => undefined,
  }
  ctx.record = requestRecorder(ctx.requests, options.requestLog)
  const app = state.apps.get(state.practiceAppId)!
  const defaultRedirects = (): string[] => [`${ctx.wwwUrl}/connect/login_success.html`, ...(options.extraRedirectUris ?? [])]
  const controls = createControls(ctx, defaultRedirects)
  const issueToken = (spec: Parameters<Sandbox['issueToken']>[0]): string => issueFromSpec(ctx, spec)
  const describe = (): Record<string, unknown> => ({
    graphUrl: ctx.graphUrl,
    wwwUrl: ctx.wwwUrl,
    practiceApp: { id: app.id, secret: app.secret, name: app.name, redirectUris: app.redirectUris },
    practiceUser: { id: state.practiceUserId },
    systemUser: { id: state.systemUserId },
    businesses: [...state.businesses.values()].map((b) => ({ id: b.id, name: b.name })),
    systemUsers: systemUsersOf(state),
    now: ctx.clock.now(),
  })

  let resolveStop = (): void => undefined
  const stopRequested = new Promise<void>((resolve) => {
    resolveStop = resolve
  })

  const onGraph = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid')
    const segments = segmentsOf(url.pathname)
    if (segments?.[0] === '__sandbox' && segments.length === 2) {
      const body = await readBody(req, 64 * 1024)
      let stopAsked = false
      const requestStop = (): void => {
        stopAsked = true
      }
      const reply = handleControl({ ctx, controls, issueToken, describe, requestStop }, req.method ?? 'GET', segments[1]!, req.headers['x-sandbox-key'] as string | undefined, body.toString('utf8'))
      send(res, reply.status, reply.headers, reply.body)
      // The answer to `stop` goes out before anyone closes the server under it.
      if (stopAsked) res.once('finish', resolveStop)
      return
    }
    const body = await readBody(req)
    const headers = headerRecord(req)
    let params: Record<string, string>
    try {
      if (!segments) throw new GraphError(2500, `Unknown path components: ${url.pathname}`)
      params = await paramsOf(url, req.headers['content-type'], body)
    } catch (err) {
      if (!(err instanceof GraphError)) throw err
      const reply = errorReply(err)
      send(res, reply.status, { 'content-type': 'application/json; charset=UTF-8', ...reply.headers }, reply.body)
      return
    }
    await sleep(state.latencyMs)
    const reply = await executeGraph(ctx, { method: (req.method ?? 'GET').toUpperCase(), path: url.pathname, segments, params, headers, batchItem: false })
    if (reply === 'drop') res.socket?.destroy()
    else send(res, reply.status, reply.headers, reply.body)
  }

  const onWww = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid')
    const method = (req.method ?? 'GET').toUpperCase()
    const body = await readBody(req, 64 * 1024)
    const form = method === 'POST' ? new URLSearchParams(body.toString('utf8')) : null
    const params: Record<string, string> = Object.fromEntries([...url.searchParams, ...(form ?? [])])
    ctx.record({ side: 'www', method, path: url.pathname, params, headers: headerRecord(req), batchItem: false, at: ctx.clock.now() })
    const fault = takeFault(state, { path: url.pathname, method })
    if (fault?.kind === 'drop') {
      res.socket?.destroy()
      return
    }
    await sleep(state.latencyMs + (fault?.kind === 'slow' ? fault.delayMs : 0))
    const segments = segmentsOf(url.pathname) ?? ['invalid']
    const reply: Reply = (fault && faultReply(state, fault)) ?? handleWww(ctx, { method, segments, query: url.searchParams, form })
    send(res, reply.status, reply.headers, reply.body)
  }

  const guard =
    (handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>) =>
    (req: IncomingMessage, res: ServerResponse): void => {
      handler(req, res).catch((err: unknown) => {
        const tooLarge = err instanceof BodyTooLargeError
        const reply = errorReply(new GraphError(tooLarge ? 100 : 1, tooLarge ? `(#100) ${err.message}` : 'The practice sandbox failed on this request.', { status: tooLarge ? 413 : 500 }))
        send(res, reply.status, { 'content-type': 'application/json; charset=UTF-8', connection: 'close', ...reply.headers }, reply.body)
      })
    }

  const graphServer = createServer(guard(onGraph))
  const wwwServer = createServer(guard(onWww))
  const urlHost = host === '::1' ? '[::1]' : host
  try {
    ctx.graphUrl = `http://${urlHost}:${await listen(graphServer, port, host)}`
    ctx.wwwUrl = `http://${urlHost}:${await listen(wwwServer, wwwPort, host)}`
  } catch (err) {
    await Promise.all([stop(graphServer), stop(wwwServer)])
    throw new Error(`The practice sandbox could not listen on ${host}: ${err instanceof Error ? err.message : String(err)}`)
  }
  app.redirectUris = defaultRedirects()

  const person = (id: string): { id: string; name: string } => ({ id, name: state.people.get(id)?.name ?? '' })
  return {
    graphUrl: ctx.graphUrl,
    wwwUrl: ctx.wwwUrl,
    controlKey: ctx.controlKey,
    practiceApp: { id: app.id, secret: app.secret, name: app.name, redirectUris: [...app.redirectUris] },
    practiceUser: person(state.practiceUserId),
    systemUser: person(state.systemUserId),
    // Read live: a control can add Pages while the sandbox runs.
    get pages() {
      return state.pages.map((p) => ({ id: p.id, name: p.name }))
    },
    adAccounts: state.adAccounts.map((a) => ({ id: `act_${a.accountId}`, accountId: a.accountId, name: a.name })),
    businesses: [...state.businesses.values()].map((b) => ({ id: b.id, name: b.name })),
    systemUsers: systemUsersOf(state),
    clock: ctx.clock,
    controls,
    consent: driveConsent,
    requests: ctx.requests,
    issueToken,
    stopRequested,
    tokenInfo(token) {
      const record = state.tokens.get(token)
      return record ? snapshot(ctx, record) : undefined
    },
    close: async () => {
      await Promise.all([stop(graphServer), stop(wwwServer)])
    },
  }
}
