import type { SecretClipboard, Timers } from '../core/ports'

/** Electron 45's clipboard is asynchronous; older and fake ones may answer at once. */
export interface ClipboardLike {
  writeText(text: string): Promise<void> | void
  readText(): Promise<string> | string
  clear(): void
}

export const DEFAULT_CLEAR_MS = 30_000

export interface ShellClipboard extends SecretClipboard {
  /** Clears now if the clipboard still holds the last secret (on quit). */
  flush(): Promise<void>
  /**
   * Clears at once, synchronously, if a secret copy is still pending: where there is no time to
   * read the clipboard back (Windows logoff, a quit whose cleanup ran out of time).
   */
  clearNow(): void
}

/** Copies a secret, then clears it again, but only if the user has not copied something else. */
export function createSecretClipboard(clipboard: ClipboardLike, timers: Timers): ShellClipboard {
  let pending: { text: string; handle: unknown } | null = null
  const clearIfUnchanged = async (): Promise<void> => {
    if (!pending) return
    const { text, handle } = pending
    pending = null
    timers.clearTimeout(handle)
    if ((await clipboard.readText()) === text) clipboard.clear()
  }
  return {
    copy: (text, clearAfterMs) => {
      if (pending) timers.clearTimeout(pending.handle)
      void clipboard.writeText(text)
      const delay = clearAfterMs > 0 ? clearAfterMs : DEFAULT_CLEAR_MS
      pending = { text, handle: timers.setTimeout(() => void clearIfUnchanged(), delay) }
    },
    flush: clearIfUnchanged,
    clearNow: () => {
      if (!pending) return
      timers.clearTimeout(pending.handle)
      pending = null
      clipboard.clear()
    },
  }
}
