import type { CliIo } from './command'
import { UsageError } from './errors'

/**
 * Resolves when the run should end: the test's abort signal, or SIGINT/SIGTERM. Call it before
 * printing the address, so a signal sent the moment the address appears is not missed.
 */
export function untilStopped(io: CliIo): Promise<string> {
  const { signal } = io
  if (signal) {
    if (signal.aborted) return Promise.resolve('abort')
    return new Promise((resolve) => signal.addEventListener('abort', () => resolve('abort'), { once: true }))
  }
  return new Promise((resolve) => {
    const stop = (name: NodeJS.Signals): void => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve(name)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}

export function portOption(value: string | boolean | undefined): number {
  if (value === undefined) return 0
  const port = typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : NaN
  if (!(port >= 0 && port <= 65535)) throw new UsageError('--port must be a number from 0 to 65535 (0: any free port).')
  return port
}
