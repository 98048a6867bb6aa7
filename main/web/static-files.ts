import { readFile, realpath, stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, join, sep } from 'node:path'
import { NOT_FOUND } from './pages'
import { sendText, setSecurityHeaders } from './respond'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
}

/**
 * Maps a request path to a regular file inside `root` (a real path), or null. Refuses `..` in
 * any spelling, backslashes, NUL, colons, empty segments, dot-files, and anything whose real
 * path (symlinks followed) leaves the root. Extension-less paths that name no file are the renderer's own routes.
 */
export async function resolveStaticFile(root: string, pathname: string): Promise<string | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return null
  }
  if (!decoded.startsWith('/') || /[\0\\:]/.test(decoded) || decoded.includes('//')) return null
  const segments = decoded.split('/').filter((s) => s !== '')
  if (segments.some((s) => s.startsWith('.'))) return null

  const direct = await insideRoot(root, join(root, ...segments))
  if (direct) return direct
  const last = segments[segments.length - 1] ?? ''
  if (extname(last) !== '') return null
  return insideRoot(root, join(root, 'index.html'))
}

async function insideRoot(root: string, candidate: string): Promise<string | null> {
  try {
    const real = await realpath(candidate)
    if (!real.startsWith(root + sep)) return null
    return (await stat(real)).isFile() ? real : null
  } catch {
    return null
  }
}

export async function serveStatic(res: ServerResponse, root: string, pathname: string): Promise<void> {
  const file = await resolveStaticFile(root, pathname)
  if (!file) return sendText(res, 404, NOT_FOUND)
  let body: Buffer
  try {
    body = await readFile(file)
  } catch {
    return sendText(res, 404, NOT_FOUND)
  }
  const ext = extname(file).toLowerCase()
  setSecurityHeaders(res)
  res.setHeader('Content-Type', TYPES[ext] ?? 'application/octet-stream')
  res.setHeader('Content-Length', body.length)
  // The page must never come from a cache: it is the one place the CSP and the session meet.
  res.setHeader('Cache-Control', ext === '.html' ? 'no-store' : 'no-cache')
  res.statusCode = 200
  res.end(body)
}
