import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, resolve, sep } from 'node:path'
import type { AddressInfo } from 'node:net'

/** The policy the Electron shell and the web host send (security.md R7). */
export const STRICT_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
}

/** An empty page under the same origin and policy: its globals are the DOM's own. */
export const BLANK_PATH = '/__blank.html'

export interface StaticServer {
  url: string
  close: () => Promise<void>
}

/** Answers a request the static files don't (a stand-in web host); false means 404. */
export type ExtraRoutes = (path: string, request: IncomingMessage, response: ServerResponse) => Promise<boolean>

export async function serveBuiltRenderer(extra?: ExtraRoutes, root = resolve('out/renderer')): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname)
      response.setHeader('content-security-policy', STRICT_CSP)
      response.setHeader('x-content-type-options', 'nosniff')
      if (extra && (await extra(path, request, response))) return
      if (path === BLANK_PATH) {
        response.writeHead(200, { 'content-type': TYPES['.html'] })
        response.end('<!doctype html><html lang="en"><head><title>blank</title></head><body></body></html>')
        return
      }
      const file = normalize(join(root, path === '/' ? 'index.html' : path))
      if (!file.startsWith(root + sep)) {
        response.writeHead(404).end()
        return
      }
      try {
        const body = await readFile(file)
        response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
        response.end(body)
      } catch {
        response.writeHead(404).end()
      }
    })()
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}
