import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AppState } from '../../preload/api'
import type { AppCore } from '../core/app/types'
import type { Logger } from '../core/ports'
import { setSecurityHeaders } from './respond'

export const HEARTBEAT_MS = 25_000

/** A client this far behind is gone or stuck; it reconnects and gets the whole state again. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024

export interface EventStreams {
  /** GET /api/events: the state now, then every change, with heartbeats between. */
  open(req: IncomingMessage, res: ServerResponse): void
  /** Ends every open stream (the host is closing). */
  endAll(): void
}

export function createEventStreams(core: AppCore, log: Logger, heartbeatMs = HEARTBEAT_MS): EventStreams {
  const open = new Set<() => void>()

  return {
    open(req, res) {
      setSecurityHeaders(res)
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      })
      const write = (text: string): void => {
        if (res.writableLength > MAX_BUFFERED_BYTES) return end()
        res.write(text)
      }
      const sendState = (state: AppState): void => write(`event: state\ndata: ${JSON.stringify(state)}\n\n`)

      let unsubscribe = (): void => {}
      const heartbeat = setInterval(() => write(': heartbeat\n\n'), heartbeatMs)
      heartbeat.unref()
      const end = (): void => {
        if (!open.delete(end)) return
        clearInterval(heartbeat)
        unsubscribe()
        res.end()
      }
      open.add(end)
      req.on('close', end)

      try {
        // JSON.stringify never emits a raw newline, so one state is always one `data:` line.
        write('retry: 2000\n\n')
        sendState(core.state())
        unsubscribe = core.subscribe(sendState)
        if (!open.has(end)) unsubscribe()
      } catch (error) {
        log.error('the state stream could not start', { error })
        end()
      }
    },
    endAll() {
      for (const end of [...open]) end()
    },
  }
}
