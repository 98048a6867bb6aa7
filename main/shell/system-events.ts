import type { Timers } from '../core/ports'

export interface PowerMonitorLike {
  on(event: 'resume', listener: () => void): unknown
  removeListener(event: 'resume', listener: () => void): unknown
}

export interface NetLike {
  isOnline(): boolean
}

export interface WakeTarget {
  wake(): void
  setOnline(online: boolean): void
}

export const ONLINE_POLL_MS = 15_000

/**
 * Tells the core when the machine wakes and when the network comes and goes. `net.isOnline()`
 * is polled because the main process has no online/offline events; only changes are reported.
 */
export function watchSystem(powerMonitor: PowerMonitorLike, net: NetLike, timers: Timers, target: WakeTarget): () => void {
  const onResume = (): void => target.wake()
  powerMonitor.on('resume', onResume)

  let online = net.isOnline()
  target.setOnline(online)
  let handle: unknown = null
  let stopped = false
  const poll = (): void => {
    if (stopped) return
    const now = net.isOnline()
    if (now !== online) {
      online = now
      target.setOnline(now)
    }
    handle = timers.setTimeout(poll, ONLINE_POLL_MS)
  }
  handle = timers.setTimeout(poll, ONLINE_POLL_MS)

  return () => {
    stopped = true
    timers.clearTimeout(handle)
    powerMonitor.removeListener('resume', onResume)
  }
}
