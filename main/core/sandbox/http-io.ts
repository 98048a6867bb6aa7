import type { IncomingMessage, ServerResponse } from 'node:http'
import { GraphError } from './errors'
import { MAX_BODY_BYTES } from './options'

export class BodyTooLargeError extends Error {}

/** The body, refused past `limit` bytes so a client cannot fill the sandbox's memory. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      // Past the limit the rest is read and dropped, so the client still gets the 413.
      if (size > limit) reject(new BodyTooLargeError(`The request body is larger than ${limit} bytes.`))
      else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export function headerRecord(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return out
}

const unreadable = (what: string): GraphError => new GraphError(100, `(#100) Could not read the request body: ${what}`)

/** Parameters from the query string and from urlencoded, multipart or JSON bodies; the body wins (§15.2). */
export async function paramsOf(url: URL, contentType: string | undefined, body: Buffer): Promise<Record<string, string>> {
  const params: Record<string, string> = {}
  for (const [k, v] of url.searchParams) params[k] = v
  if (body.length === 0) return params
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
  if (type === 'application/x-www-form-urlencoded' || type === '') {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params[k] = v
  } else if (type === 'multipart/form-data') {
    let form: FormData
    try {
      form = await new Response(body, { headers: { 'content-type': contentType ?? '' } }).formData()
    } catch {
      throw unreadable('malformed multipart form data.')
    }
    for (const [k, v] of form) if (typeof v === 'string') params[k] = v
  } else if (type === 'application/json') {
    let parsed: unknown
    try {
      parsed = JSON.parse(body.toString('utf8'))
    } catch {
      throw unreadable('malformed JSON.')
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw unreadable('JSON must be an object.')
    for (const [k, v] of Object.entries(parsed)) params[k] = typeof v === 'string' ? v : JSON.stringify(v)
  } else {
    throw unreadable(`unsupported content type ${type}.`)
  }
  return params
}

export function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  if (res.writableEnded || res.destroyed) return
  res.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...headers })
  res.end(body)
}
