import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { systemTimers } from '../../../main/core/ports'
import { createSecretClipboard } from '../../../main/shell/secret-clipboard'
import { readyFakeElectron } from '../../fakes/electron'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('the secret clipboard', () => {
  it('clears after 30 s if it still holds the secret', async () => {
    const { clipboard } = readyFakeElectron()
    const secret = createSecretClipboard(clipboard, systemTimers)
    secret.copy('EAAsecret', 30_000)
    // Electron 45's clipboard writes asynchronously.
    await vi.advanceTimersByTimeAsync(0)
    expect(clipboard.text).toBe('EAAsecret')
    await vi.advanceTimersByTimeAsync(29_999)
    expect(clipboard.text).toBe('EAAsecret')
    await vi.advanceTimersByTimeAsync(1)
    expect(clipboard.text).toBe('')
    expect(clipboard.cleared).toBe(1)
  })

  it('leaves the clipboard alone when the user copied something else', async () => {
    const { clipboard } = readyFakeElectron()
    const secret = createSecretClipboard(clipboard, systemTimers)
    secret.copy('EAAsecret', 30_000)
    await vi.advanceTimersByTimeAsync(1000)
    await clipboard.writeText('a shopping list')
    await vi.advanceTimersByTimeAsync(29_000)
    expect(clipboard.text).toBe('a shopping list')
    expect(clipboard.cleared).toBe(0)
  })

  it('a second copy restarts the clock for the new secret', async () => {
    const { clipboard } = readyFakeElectron()
    const secret = createSecretClipboard(clipboard, systemTimers)
    secret.copy('first-secret', 30_000)
    await vi.advanceTimersByTimeAsync(20_000)
    secret.copy('second-secret', 30_000)
    await vi.advanceTimersByTimeAsync(20_000)
    expect(clipboard.text).toBe('second-secret')
    await vi.advanceTimersByTimeAsync(10_000)
    expect(clipboard.text).toBe('')
  })

  it('flush clears at once (on quit), and a bad delay falls back to 30 s', async () => {
    const { clipboard } = readyFakeElectron()
    const secret = createSecretClipboard(clipboard, systemTimers)
    secret.copy('EAAsecret', 0)
    await vi.advanceTimersByTimeAsync(29_000)
    expect(clipboard.text).toBe('EAAsecret')
    await secret.flush()
    expect(clipboard.text).toBe('')
  })
})
