import { createRequire } from 'node:module'
import type * as Undici from 'undici'
import { hasProxy, proxyFor, proxySettings, withProxy, type Env } from './proxy'

/**
 * undici, loaded only once a proxy variable is set: loading it costs every process about 8 MB of
 * memory (it pulls in http2, zlib, worker_threads and Node's own copy of undici), and most runs,
 * like an idle `token-desk serve`, go direct. Loaded synchronously so a bad proxy address still
 * fails when the fetch is made, as before.
 */
const loadUndici = (): typeof Undici => createRequire(import.meta.url)('undici') as typeof Undici

/**
 * The fetch the CLI and the web host hand the core. Without proxy variables it is Node's own
 * fetch, unchanged. With them, undici's EnvHttpProxyAgent sends each request through the proxy
 * its scheme names (HTTPS through a CONNECT tunnel) unless NO_PROXY covers the host; a failure
 * is marked with the proxy it went through. Node's fetch ignores these variables by itself.
 */
export function envProxyFetch(env: Env): typeof fetch {
  const settings = proxySettings(env)
  if (!hasProxy(settings)) return (input, init) => globalThis.fetch(input, init)
  const { EnvHttpProxyAgent, fetch: undiciFetch } = loadUndici()
  // Every value is passed, empty ones too, so the agent never falls back to process.env.
  const dispatcher = new EnvHttpProxyAgent({ httpProxy: settings.httpProxy, httpsProxy: settings.httpsProxy, noProxy: settings.noProxy })
  const proxied = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input.toString())
    try {
      // undici's own fetch with its own agent: Node 20's built-in fetch is an older undici.
      const response = await undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher })
      return response
    } catch (error) {
      throw withProxy(error, proxyFor(url, settings))
    }
  }
  return proxied
}

export type { Env } from './proxy'

/** One line for diagnostics: which proxy variables are set, without credentials. */
export function describeEnvProxy(env: Env): string {
  const settings = proxySettings(env)
  if (!hasProxy(settings)) return 'none (no HTTPS_PROXY or HTTP_PROXY set)'
  const https = proxyFor(new URL('https://graph.facebook.com/'), settings)
  const parts = [`Graph API requests: ${https ?? 'direct (NO_PROXY)'}`]
  if (settings.noProxy) parts.push(`NO_PROXY: ${settings.noProxy}`)
  return parts.join('; ')
}
