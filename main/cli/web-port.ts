import { openSettings } from '../core/settings'
import type { Logger } from '../core/ports'

/**
 * The port `token-desk serve` listens on. The browser login returns to
 * http://localhost:PORT/login/callback, and Strict Mode compares that address whole, the port
 * included (login-for-business.md §6): a port given with --port is remembered in the settings
 * file, and used again when none is given, so the address registered in the App Dashboard stays
 * right. Without either, any free port (fine for practice mode, not for a real app).
 */
export interface WebPort {
  /** The port to listen on; 0: any free one. */
  port: number
  /** Whether the login address stays the same across launches. */
  fixed: boolean
  /** Remembers the port once the host listens on it (only one given with --port). */
  remember(port: number): void
}

export function webPort(home: string, given: number | null, log: Logger): WebPort {
  // Read and, once listening, written before the core opens the same file: never two stores at once.
  const { store } = openSettings({ dir: home, log })
  const remembered = store.getApp().webPort ?? null
  const port = given ?? remembered ?? 0
  return {
    port,
    fixed: port !== 0,
    remember(listening) {
      if (given === null || given === 0 || listening === remembered) return
      try {
        store.setApp({ webPort: listening })
      } catch (error) {
        log.warn('the web port could not be remembered', { error })
      }
    },
  }
}
