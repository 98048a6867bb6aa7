import type { DestinationSummary } from '../../../preload/destinations'
import { readDestinations, whereOf } from './destination'

const iso = (ms: number): string => new Date(ms).toISOString()

/** A token's destinations as the window and `deliver list` show them: where, the last delivery, or why refused. */
export function destinationSummaries(raw: unknown): DestinationSummary[] {
  const { destinations, refused } = readDestinations(raw)
  return [
    ...destinations.map((d) => ({ id: d.id, kind: d.kind, where: whereOf(d), refused: null, last: d.last ? { at: iso(d.last.at), ok: d.last.ok, message: d.last.message } : null })),
    ...refused.map((r) => ({ id: r.id, kind: null, where: r.kind ? `A destination of kind “${r.kind}”` : 'A destination', refused: r.reason, last: null })),
  ]
}
