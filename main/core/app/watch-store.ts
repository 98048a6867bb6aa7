import type { WatchPatch, WatchStore, WatchedToken } from '../monitor'
import type { Logger } from '../ports'
import type { TokenMeta } from '../tokens/record'
import { VaultEntryNotFoundError, type Vault } from '../vault'

/**
 * The monitor's synchronous view of the vault. A patch shows at once through an overlay and is
 * written in the background; a failed write (disk full) is logged and reported, and the
 * overlay keeps the news for this session.
 */
export function vaultWatchStore(vault: Vault<TokenMeta>, log: Logger, onWriteError: (message: string) => void): WatchStore & { flush(): Promise<void> } {
  const overlay = new Map<string, WatchPatch>()
  let writes: Promise<void> = Promise.resolve()

  const merged = (id: string, meta: TokenMeta): TokenMeta => {
    const patch = overlay.get(id)
    return patch ? { ...meta, ...patch } : meta
  }

  return {
    list(): WatchedToken[] {
      return vault
        .list()
        .filter((e) => !e.problem)
        .map((e) => {
          const m = merged(e.id, e.meta)
          return {
            id: e.id,
            name: m.name,
            kind: m.kind,
            expiresAt: m.expiresAt,
            neverExpires: m.neverExpires,
            dataAccessExpiresAt: m.dataAccessExpiresAt,
            status: m.status,
            problem: m.problem,
            diedAt: m.diedAt,
            lastCheckedAt: m.lastCheckedAt,
          }
        })
    },
    update(id, patch) {
      if (!vault.get(id)) return
      overlay.set(id, { ...overlay.get(id), ...patch })
      writes = writes.then(async () => {
        const entry = vault.get(id)
        const pending = overlay.get(id)
        if (!entry || !pending) return
        try {
          await vault.updateMeta(id, { ...entry.meta, ...pending })
          if (overlay.get(id) === pending) overlay.delete(id)
        } catch (error) {
          // Removed by another program (token-desk remove) while it was being checked: nothing to save.
          if (error instanceof VaultEntryNotFoundError) {
            overlay.delete(id)
            return
          }
          log.error('could not save a token check result', { error })
          onWriteError('A check result could not be saved (is the disk full?). It is kept until Token Desk closes.')
        }
      })
    },
    flush: () => writes,
  }
}

