import { MAX_DESTINATIONS } from '../../../preload/destinations'
import type { Logger } from '../ports'
import { registerSecret } from '../redact'
import type { TokenMeta } from '../tokens/record'
import { VaultEntryNotFoundError, type Vault } from '../vault'
import { deliverTo, type DeliverPorts, type DeliveryResult } from './deliver'
import { DestinationError, newDestination, readDestinations, whereOf, type Destination, type DestinationSpec, type RefusedDestination } from './destination'

/** Why a delivery ran: a new secret was stored (any face: wizard, Log in again, Renew, rotate, mint), or someone asked. */
export type DeliveryTrigger = 'new-secret' | 'on-demand'

/** What one token's destinations got: each result, and the entries that were refused on reading. */
export interface DeliveryReport {
  tokenId: string
  name: string
  trigger: DeliveryTrigger
  results: DeliveryResult[]
  refused: RefusedDestination[]
}

export interface DeliveryPorts extends DeliverPorts {
  log: Logger
}

export interface Deliveries {
  /**
   * The token vault, with the one hook every face goes through: `put` of a new secret for an
   * entry delivers it to that entry's destinations (and keeps them, since the renewing face
   * builds its description from Facebook's answer, which knows nothing of them).
   */
  vault: Vault<TokenMeta>
  list(tokenId: string): { destinations: Destination[]; refused: RefusedDestination[] }
  add(tokenId: string, spec: DestinationSpec): Promise<Destination>
  remove(tokenId: string, destinationId: string): Promise<boolean>
  /** Delivers the stored token to its destinations now (one of them with `destinationId`). */
  deliver(tokenId: string, options?: { destinationId?: string }): Promise<DeliveryReport>
  /** Told about every delivery, whatever started it. */
  onReport(listener: (report: DeliveryReport) => void): () => void
}

const destinationsOf = (meta: TokenMeta | undefined) => readDestinations(meta?.destinations)

/**
 * The deliveries room: destinations kept in the vault's metadata beside each token, and delivery
 * after every change of the token's secret. Delivery is awaited inside `put`, so a rotation has
 * its destinations updated before it revokes the old token, and every face knows the outcome
 * when its own step ends. Deliveries of one token run one at a time; a failure leaves its
 * destination as it was and is tried again at the next new secret or on demand.
 */
export function createDeliveries(inner: Vault<TokenMeta>, ports: DeliveryPorts): Deliveries {
  const listeners = new Set<(report: DeliveryReport) => void>()
  const chains = new Map<string, Promise<unknown>>()
  const oneAtATime = <T>(tokenId: string, run: () => Promise<T>): Promise<T> => {
    const next = (chains.get(tokenId) ?? Promise.resolve()).then(run, run)
    chains.set(tokenId, next.catch(() => undefined))
    return next
  }

  /** What other programs wrote since (token-desk deliver add beside the app): a change made from a stale copy would undo theirs. */
  const fresh = (): Promise<unknown> => inner.refresh().catch(() => false)

  const entryOf = (tokenId: string) => {
    const entry = inner.get(tokenId)
    if (!entry) throw new VaultEntryNotFoundError('There is no stored token with that id.')
    return entry
  }

  /** Writes each result as its destination's last delivery, keeping the list as it is on disk now. */
  const record = async (tokenId: string, results: readonly DeliveryResult[]): Promise<void> => {
    await fresh()
    const entry = inner.get(tokenId)
    if (!entry || !Array.isArray(entry.meta.destinations) || results.length === 0) return
    const byId = new Map(results.map((r) => [r.destinationId, r]))
    const destinations = (entry.meta.destinations as unknown[]).map((raw) => {
      const id = typeof raw === 'object' && raw !== null && 'id' in raw ? (raw).id : null
      const result = typeof id === 'string' ? byId.get(id) : undefined
      return result ? { ...(raw as object), last: { at: result.at, ok: result.ok, message: result.message, ...(result.fix ? { fix: result.fix } : {}) } } : raw
    })
    try {
      await inner.updateMeta(tokenId, { ...entry.meta, destinations })
    } catch (error) {
      ports.log.warn('A delivery outcome could not be recorded in the vault.', { tokenId, error })
    }
  }

  const run = (tokenId: string, token: string, trigger: DeliveryTrigger, only?: string): Promise<DeliveryReport> =>
    oneAtATime(tokenId, async () => {
      registerSecret(token)
      const entry = entryOf(tokenId)
      const { destinations, refused } = destinationsOf(entry.meta)
      const chosen = only === undefined ? destinations : destinations.filter((d) => d.id === only)
      const results: DeliveryResult[] = []
      for (const d of chosen) results.push(await deliverTo(d, token, ports))
      await record(tokenId, results)
      const report: DeliveryReport = { tokenId, name: entry.meta.name, trigger, results, refused }
      for (const r of results) {
        if (r.ok) ports.log.info('Token delivered.', { tokenId, destination: r.destinationId, trigger })
        else ports.log.warn('A token could not be delivered.', { tokenId, destination: r.destinationId, trigger, message: r.message })
      }
      for (const listener of [...listeners]) {
        try {
          listener(report)
        } catch (error) {
          ports.log.error('A delivery listener failed.', { error })
        }
      }
      return report
    })

  /** A description built afresh (from Facebook's answer) keeps the destinations of the one it replaces. */
  const keeping = (id: string | undefined, meta: TokenMeta): TokenMeta => {
    const kept = id === undefined ? undefined : inner.get(id)?.meta.destinations
    return kept !== undefined && meta.destinations === undefined ? { ...meta, destinations: kept } : meta
  }

  const vault: Vault<TokenMeta> = {
    ...inner,
    updateMeta: (id, meta) => inner.updateMeta(id, keeping(id, meta)),
    put: async (input) => {
      // Another program (token-desk deliver add, the desktop app) may have added a destination
      // since this one last read the folder: a renewal written from a stale copy would drop it.
      if (input.id !== undefined) await fresh()
      const oldSecret = input.id !== undefined && inner.get(input.id) ? await inner.getSecret(input.id) : null
      const entry = await inner.put({ ...input, meta: keeping(input.id, input.meta) })
      if (oldSecret !== input.secret && destinationsOf(entry.meta).destinations.length > 0) await run(entry.id, input.secret, 'new-secret')
      return inner.get(entry.id) ?? entry
    },
  }

  return {
    vault,
    list: (tokenId) => destinationsOf(entryOf(tokenId).meta),
    add: (tokenId, spec) =>
      oneAtATime(tokenId, async () => {
        await fresh()
        const entry = entryOf(tokenId)
        const raw = Array.isArray(entry.meta.destinations) ? (entry.meta.destinations as unknown[]) : []
        const { destinations } = readDestinations(raw)
        if (raw.length >= MAX_DESTINATIONS) throw new DestinationError(`A token has at most ${MAX_DESTINATIONS} destinations; remove one first.`)
        const destination = newDestination(spec)
        const where = whereOf(destination)
        if (destinations.some((d) => whereOf(d) === where)) throw new DestinationError(`${entry.meta.name} is already delivered to ${where}.`)
        await inner.updateMeta(tokenId, { ...entry.meta, destinations: [...raw, destination] })
        return destination
      }),
    remove: (tokenId, destinationId) =>
      oneAtATime(tokenId, async () => {
        await fresh()
        const entry = entryOf(tokenId)
        const raw = Array.isArray(entry.meta.destinations) ? (entry.meta.destinations as unknown[]) : []
        const kept = raw.filter((d) => !(typeof d === 'object' && d !== null && (d as { id?: unknown }).id === destinationId))
        if (kept.length === raw.length) return false
        await inner.updateMeta(tokenId, { ...entry.meta, destinations: kept })
        return true
      }),
    deliver: async (tokenId, options = {}) => {
      await fresh()
      const entry = entryOf(tokenId)
      if (options.destinationId !== undefined && !destinationsOf(entry.meta).destinations.some((d) => d.id === options.destinationId)) {
        throw new DestinationError(`${entry.meta.name} has no destination ${options.destinationId}.`)
      }
      const token = await inner.getSecret(tokenId)
      if (token === null) throw new DestinationError(`${entry.meta.name} cannot be read from the vault now, so there is nothing to deliver. Sign in again or paste it again.`)
      return run(tokenId, token, 'on-demand', options.destinationId)
    },
    onReport: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
