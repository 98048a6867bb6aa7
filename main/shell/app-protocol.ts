import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { resolveBundlePath } from './bundle-path'
import { securityHeaders } from './csp'
import { APP_SCHEME } from './origins'

/** The slice of Electron's `protocol` module this file uses. */
export interface ProtocolLike {
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void
}

/**
 * Must run before `ready`. `standard` gives the scheme real origins and relative URLs; `secure`
 * makes it a secure context. No `bypassCSP`, no `corsEnabled`: the renderer needs neither.
 */
export function registerAppScheme(protocol: ProtocolLike): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
}

/** Serves the built renderer from `root`, every response with the CSP header. */
export function createAppRequestHandler(
  root: string,
  read: (path: string) => Promise<Uint8Array> = readFile,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method Not Allowed')
    const file = resolveBundlePath(root, request.url)
    if (!file) return plain(404, 'Not Found')
    let body: Uint8Array
    try {
      body = await read(file)
    } catch {
      return plain(404, 'Not Found')
    }
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: { ...securityHeaders(), 'Content-Type': type },
    })
  }
}

export function serveAppProtocol(protocol: ProtocolLike, root: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(root))
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' } })
}
