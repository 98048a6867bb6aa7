import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { systemTimers } from '../../../main/core/ports'
import { ONLINE_POLL_MS, watchSystem } from '../../../main/shell/system-events'
import { readyFakeElectron } from '../../fakes/electron'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

function setup() {
  const electron = readyFakeElectron()
  const calls: string[] = []
  const stop = watchSystem(electron.powerMonitor, electron.net, systemTimers, {
    wake: () => calls.push('wake'),
    setOnline: (online) => calls.push(`online:${online}`),
  })
  return { electron, calls, stop }
}

describe('power and network events (R29)', () => {
  it('wakes the core on resume', () => {
    const { electron, calls } = setup()
    electron.powerMonitor.emit('resume')
    expect(calls).toEqual(['online:true', 'wake'])
  })

  it('reports only changes of net.isOnline()', async () => {
    const { electron, calls } = setup()
    await vi.advanceTimersByTimeAsync(ONLINE_POLL_MS)
    electron.net.online = false
    await vi.advanceTimersByTimeAsync(ONLINE_POLL_MS)
    await vi.advanceTimersByTimeAsync(ONLINE_POLL_MS)
    electron.net.online = true
    await vi.advanceTimersByTimeAsync(ONLINE_POLL_MS)
    expect(calls).toEqual(['online:true', 'online:false', 'online:true'])
  })

  it('stops listening and polling', async () => {
    const { electron, calls, stop } = setup()
    stop()
    electron.powerMonitor.emit('resume')
    electron.net.online = false
    await vi.advanceTimersByTimeAsync(ONLINE_POLL_MS * 3)
    expect(calls).toEqual(['online:true'])
    expect(electron.powerMonitor.listenerCount('resume')).toBe(0)
  })
})
