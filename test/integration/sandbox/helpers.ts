import { createHmac } from 'node:crypto'
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../main/core/sandbox'

export const V = 'v25.0'
/** A fixed start for the simulated clock: Tuesday 3 March 2026, 12:00 UTC. */
export const T0 = Date.UTC(2026, 2, 3, 12, 0, 0)

export interface GraphReply {
  status: number
  headers: Headers
  json: unknown
}

/** Sandbox tests check exactly what a client sent, so they keep the request log raw (request-log.test.ts covers the default). */
export function start(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ now: T0, requestLog: { raw: true }, ...options })
}

export const hmac = (secret: string, message: string): string => createHmac('sha256', secret).update(message).digest('hex')

export async function call(
  sb: Sandbox,
  path: string,
  params: Record<string, string> = {},
  init: { method?: string; form?: boolean; headers?: Record<string, string> } = {},
): Promise<GraphReply> {
  const method = init.method ?? 'GET'
  const url = new URL(`${sb.graphUrl}${path}`)
  let body: URLSearchParams | undefined
  if (init.form) body = new URLSearchParams(params)
  else for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v)
  const res = await fetch(url, { method, body, headers: init.headers })
  const text = await res.text()
  return { status: res.status, headers: res.headers, json: text === '' ? null : (JSON.parse(text) as unknown) }
}

/** A call with a user, page or system-user token and its proof, as a careful client makes it. */
export function callAs(sb: Sandbox, token: string, path: string, params: Record<string, string> = {}, method = 'GET'): Promise<GraphReply> {
  return call(sb, path, { ...params, access_token: token, appsecret_proof: hmac(sb.practiceApp.secret, token) }, { method })
}

export const errorOf = (reply: GraphReply): { message: string; type: string; code: number; error_subcode?: number; fbtrace_id: string } =>
  (reply.json as { error: { message: string; type: string; code: number; error_subcode?: number; fbtrace_id: string } }).error

export function dialogUrl(sb: Sandbox, params: Record<string, string> = {}): string {
  const url = new URL(`${sb.wwwUrl}/${V}/dialog/oauth`)
  const all = {
    client_id: sb.practiceApp.id,
    redirect_uri: sb.practiceApp.redirectUris[0]!,
    state: 'state-123',
    scope: 'pages_show_list,ads_read',
    ...params,
  }
  for (const [k, v] of Object.entries(all)) url.searchParams.set(k, v)
  return url.toString()
}

export async function loginCode(sb: Sandbox, params: Record<string, string> = {}, decline: string[] = []): Promise<string> {
  const location = await sb.consent(dialogUrl(sb, params), { decline })
  const code = new URL(location).searchParams.get('code')
  if (!code) throw new Error(`no code in ${location}`)
  return code
}

export function exchange(sb: Sandbox, code: string, extra: Record<string, string> = {}): Promise<GraphReply> {
  return call(sb, `/${V}/oauth/access_token`, {
    client_id: sb.practiceApp.id,
    client_secret: sb.practiceApp.secret,
    redirect_uri: sb.practiceApp.redirectUris[0]!,
    code,
    ...extra,
  })
}

export const appToken = (sb: Sandbox): string => `${sb.practiceApp.id}|${sb.practiceApp.secret}`

export async function debug(sb: Sandbox, input: string, accessToken = appToken(sb)): Promise<GraphReply> {
  return call(sb, `/${V}/debug_token`, { input_token: input, access_token: accessToken })
}

export const dataOf = (reply: GraphReply): Record<string, unknown> => (reply.json as { data: Record<string, unknown> }).data
