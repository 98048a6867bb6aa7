/**
 * Which proxy a request goes through, and how to name it in a message. The CLI and the web host
 * read HTTPS_PROXY, HTTP_PROXY and NO_PROXY as curl and undici do (lower case first); the desktop
 * app asks Chromium (see main/shell/graph-fetch.ts). Either way a failed request carries the
 * proxy's name, so "Could not reach Facebook" can say which proxy it went through.
 */

export type Env = Readonly<Record<string, string | undefined>>

export interface ProxySettings {
  httpProxy: string
  httpsProxy: string
  noProxy: string
  /** The variable each value came from, for messages: "HTTPS_PROXY". */
  sources: { http: string | null; https: string | null }
}

const first = (env: Env, names: readonly string[]): { value: string; name: string | null } => {
  for (const name of names) {
    const value = env[name]?.trim()
    if (value) return { value, name }
  }
  return { value: '', name: null }
}

/** The proxy variables as undici's EnvHttpProxyAgent reads them, taken from `env` only. */
export function proxySettings(env: Env): ProxySettings {
  const http = first(env, ['http_proxy', 'HTTP_PROXY'])
  // As in undici and curl: without an HTTPS proxy, https requests use the HTTP one.
  const ownHttps = first(env, ['https_proxy', 'HTTPS_PROXY'])
  const https = ownHttps.value ? ownHttps : http
  return {
    httpProxy: http.value,
    httpsProxy: https.value,
    noProxy: first(env, ['no_proxy', 'NO_PROXY']).value,
    sources: { http: http.name, https: https.name },
  }
}

/**
 * The first proxy variable whose value undici cannot use, in words that name it (issue 20, item
 * 13: a malformed one failed later as "failed unexpectedly"). undici's EnvHttpProxyAgent takes
 * only http: and https: proxy URLs (observed on undici 7.30: "Invalid URL protocol").
 */
export function badProxyVariable(env: Env): string | null {
  for (const name of ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']) {
    const value = env[name]?.trim()
    if (!value) continue
    let protocol: string | null = null
    try {
      protocol = new URL(value).protocol
    } catch {
      protocol = null
    }
    if (protocol !== 'http:' && protocol !== 'https:') {
      return `${name} is not a proxy address Token Desk can use: it must be an http:// or https:// URL, such as http://proxy.example:3128.`
    }
  }
  return null
}

export function hasProxy(settings: ProxySettings): boolean {
  return settings.httpProxy !== '' || settings.httpsProxy !== ''
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 }

/** NO_PROXY matching with undici's rules: exact host or a subdomain of it, an optional port, `*` for all. */
export function bypassesProxy(url: URL, noProxy: string): boolean {
  const value = noProxy.trim()
  if (value === '') return false
  if (value === '*') return true
  const host = url.host.replace(/:\d*$/, '').toLowerCase()
  const port = Number.parseInt(url.port, 10) || DEFAULT_PORTS[url.protocol] || 0
  for (const entry of value.split(/[,\s]/)) {
    if (!entry) continue
    const parsed = /^(.+):(\d+)$/.exec(entry)
    const name = (parsed ? parsed[1]! : entry).replace(/^\*?\./, '').toLowerCase()
    const entryPort = parsed ? Number.parseInt(parsed[2]!, 10) : 0
    if (entryPort && entryPort !== port) continue
    if (host === name || host.endsWith(`.${name}`)) return true
  }
  return false
}

/** A proxy address without any user name or password it may carry. */
export function proxyDisplayName(proxy: string): string {
  try {
    const url = new URL(proxy.includes('://') ? proxy : `http://${proxy}`)
    return `${url.protocol}//${url.host}`
  } catch {
    return 'the configured proxy'
  }
}

/** "http://proxy:3128 (from HTTPS_PROXY)" for a request to `url`, or null when it goes direct. */
export function proxyFor(url: URL, settings: ProxySettings): string | null {
  const https = url.protocol === 'https:'
  const proxy = https ? settings.httpsProxy : settings.httpProxy
  if (!proxy || bypassesProxy(url, settings.noProxy)) return null
  const source = https ? settings.sources.https : settings.sources.http
  return `${proxyDisplayName(proxy)}${source ? ` (from ${source})` : ''}`
}

const PROXY_KEY = 'tokenDeskProxy'

/** Marks a failed request's error with the proxy it went through; returns the same error. */
export function withProxy<T>(error: T, proxy: string | null): T {
  if (proxy && typeof error === 'object' && error !== null && !Object.isFrozen(error)) {
    Object.defineProperty(error, PROXY_KEY, { value: proxy, enumerable: false, configurable: true })
  }
  return error
}

/** The proxy a failed request went through, from the error or its causes. */
export function proxyOf(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const value = (e as Record<string, unknown>)[PROXY_KEY]
    if (typeof value === 'string') return value
  }
  return null
}
