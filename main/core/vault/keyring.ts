/** Where the Node cipher keeps its random key: the OS keyring, behind a port tests can fake. */
export interface KeyringPort {
  /** The stored value, or null when there is none. Rejects when the keyring cannot be used. */
  get(account: string): Promise<string | null>
  set(account: string, value: string): Promise<void>
}

export const KEYRING_SERVICE = 'token-desk'

/**
 * The OS keyring through @napi-rs/keyring. Every call is bounded by a timeout: a keyring can
 * hang on a locked collection or a missing D-Bus session, and a CLI in cron must not wait.
 *
 * On Linux the store is pinned to the Secret Service. The library's automatic choice falls back
 * to the kernel keyutils keyring, which lives in kernel memory and is lost on reboot (observed:
 * here, without D-Bus, the automatic choice answers `null` to a read, which looks like an empty
 * keyring). A key lost on reboot would make every stored token unreadable, so that store is not
 * acceptable for a key meant to last.
 */
export function createOsKeyring(options: { service?: string; timeoutMs?: number } = {}): KeyringPort {
  const service = options.service ?? KEYRING_SERVICE
  const timeoutMs = options.timeoutMs ?? 3000
  const entry = async (account: string) => {
    // Loaded on first use: a missing native binary must fall back, not break the import.
    const { AsyncEntry } = await import('@napi-rs/keyring')
    return new AsyncEntry(service, account, { linux: { store: 'secret-service' } })
  }
  return {
    get: (account) => bounded(timeoutMs, async (signal) => (await entry(account)).getPassword(signal)),
    set: (account, value) => bounded(timeoutMs, async (signal) => (await entry(account)).setPassword(value, signal)),
  }
}

async function bounded<T>(timeoutMs: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  // The abort signal may not reach a native call that is already blocked, so race a timer too.
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort()
      reject(new Error(`The OS keyring did not answer within ${timeoutMs} ms.`))
    }, timeoutMs)
    timer.unref?.()
  })
  try {
    return await Promise.race([run(controller.signal), timeout])
  } finally {
    clearTimeout(timer)
  }
}
