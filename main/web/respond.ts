import type { ServerResponse } from 'node:http'
import type { BridgeError } from '../../preload/api'
import { securityHeaders } from './csp'

/** Sent on every answer, whatever it holds: a page, a script, JSON or an error. */
export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(securityHeaders())) res.setHeader(name, value)
  res.setHeader('X-Frame-Options', 'DENY')
  // Another site's <script src> or <img src> pointing here gets nothing, cookie or not.
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin')
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  send(res, status, 'text/plain; charset=utf-8', text)
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  send(res, status, 'text/html; charset=utf-8', html)
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value))
}

export function sendBridgeError(res: ServerResponse, status: number, code: BridgeError['code'], message: string): void {
  sendJson(res, status, { ok: false, error: { code, message } })
}

export function redirect(res: ServerResponse, status: 302 | 303, location: string): void {
  setSecurityHeaders(res)
  res.setHeader('Cache-Control', 'no-store')
  res.setHeader('Location', location)
  res.statusCode = status
  res.end()
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  setSecurityHeaders(res)
  res.setHeader('Cache-Control', 'no-store')
  res.setHeader('Content-Type', type)
  res.setHeader('Content-Length', Buffer.byteLength(body))
  res.statusCode = status
  res.end(body)
}
