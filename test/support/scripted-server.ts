/**
 * A loopback HTTP server that answers from a queue, for exact tests of the Graph client:
 * retries, paging, batching and error shapes. Every request is recorded with its parsed
 * query and body. It knows nothing about Graph: each test scripts the answers it needs.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ScriptedResponse {
  /** Default 200. */
  status?: number
  headers?: Record<string, string>
  /** Sent as JSON; a string is sent as it is. */
  body?: unknown
  /** Close the connection without any answer. */
  drop?: boolean
  /** Real milliseconds to wait before answering: only for request-timeout tests. */
  delayMs?: number
}

export interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  /** Form fields or JSON, parsed; `{}` when there was no body. */
  body: Record<string, unknown>
  rawBody: string
  headers: IncomingHttpHeaders
}

export type Script = ScriptedResponse | ((request: RecordedRequest) => ScriptedResponse)

export interface ScriptedServer {
  /** `http://127.0.0.1:{port}`, no trailing slash. */
  url: string
  requests: RecordedRequest[]
  /** Queue answers, used in order, one per request. */
  enqueue(...scripts: Script[]): void
  /** The answer once the queue is empty (default: 418, so a stray request is loud). */
  otherwise(script: Script): void
  /** Answers still queued. */
  pending(): number
  close(): Promise<void>
}

const UNSCRIPTED: ScriptedResponse = { status: 418, body: { error: { message: 'scripted server: no answer queued', type: 'Test', code: -1 } } }

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {}
  if (contentType?.includes('application/json')) {
    const parsed: unknown = JSON.parse(raw)
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : { value: parsed }
  }
  return Object.fromEntries(new URLSearchParams(raw))
}

async function record(req: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const rawBody = Buffer.concat(chunks).toString('utf8')
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    body: parseBody(rawBody, req.headers['content-type']),
    rawBody,
    headers: req.headers,
  }
}

function send(res: ServerResponse, answer: ScriptedResponse): void {
  if (answer.drop) {
    res.socket?.destroy()
    return
  }
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {})
  // No keep-alive: a dropped connection in one test step never poisons the next request.
  res.writeHead(answer.status ?? 200, { 'content-type': 'application/json; charset=UTF-8', connection: 'close', ...answer.headers })
  res.end(text)
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  const queue: Script[] = []
  const requests: RecordedRequest[] = []
  let fallback: Script = UNSCRIPTED
  const timers = new Set<ReturnType<typeof setTimeout>>()

  const server = createServer((req, res) => {
    record(req).then(
      (request) => {
        requests.push(request)
        const script = queue.shift() ?? fallback
        const answer = typeof script === 'function' ? script(request) : script
        if (!answer.delayMs) return send(res, answer)
        const timer = setTimeout(() => {
          timers.delete(timer)
          send(res, answer)
        }, answer.delayMs)
        timers.add(timer)
      },
      () => res.socket?.destroy(),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...scripts) => void queue.push(...scripts),
    otherwise: (script) => void (fallback = script),
    pending: () => queue.length,
    close: async () => {
      for (const timer of timers) clearTimeout(timer)
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
