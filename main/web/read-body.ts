import type { IncomingMessage } from 'node:http'

export type BodyResult = { kind: 'ok'; text: string } | { kind: 'too-large' } | { kind: 'dropped' }

/**
 * Reads at most `limit` bytes. A somewhat larger body is drained and discarded, so the client
 * reads our 413 instead of a reset; past a hard ceiling the connection is simply dropped.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const ceiling = limit * 16
  return new Promise((resolve) => {
    if (Number(req.headers['content-length'] ?? 0) > ceiling) {
      req.destroy()
      resolve({ kind: 'dropped' })
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > ceiling) {
        req.destroy()
        resolve({ kind: 'dropped' })
      } else if (size <= limit) {
        chunks.push(chunk)
      }
    })
    req.on('end', () => {
      resolve(size > limit ? { kind: 'too-large' } : { kind: 'ok', text: Buffer.concat(chunks).toString('utf8') })
    })
    req.on('error', () => resolve({ kind: 'dropped' }))
    req.on('close', () => resolve({ kind: 'dropped' }))
  })
}
