import { whereOf, type Destination } from './destination'
import type { DeliveryReport } from './service'

const list = (items: readonly string[]): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join('; ')} and ${items.at(-1) ?? ''}`)

/**
 * The one notice of a token whose last delivery failed somewhere: each place with what happened
 * and its fix. Null when every destination has the token.
 */
export function failedDeliveryWords(name: string, destinations: readonly Destination[]): string | null {
  const failed = destinations.filter((d) => d.last && !d.last.ok)
  if (failed.length === 0) return null
  const places = failed.map((d) => `${whereOf(d)}: ${d.last?.message ?? ''}${d.last?.fix ? ` ${d.last.fix}` : ''}`)
  const head =
    failed.length === destinations.length
      ? `“${name}” could not be delivered to ${failed.length === 1 ? 'its destination' : `any of its ${failed.length} destinations`}`
      : `“${name}” could not be delivered to ${failed.length} of its ${destinations.length} destinations (the others have it)`
  return `${head}. ${places.join(' ')} It is tried again at the next renewal, or now with Try again.`
}

/** What a rotation (or any step that stored new tokens) updated and what it could not, from its delivery reports. */
export function deliverySummary(reports: readonly DeliveryReport[]): { updated: string[]; failed: { where: string; message: string }[] } {
  // A token delivered twice (a rotation that put the old token back) counts as its last delivery.
  const last = new Map<string, { where: string; ok: boolean; message: string }>()
  for (const report of reports) for (const r of report.results) last.set(`${report.tokenId}:${r.destinationId}`, r)
  const all = [...last.values()]
  return { updated: all.filter((r) => r.ok).map((r) => r.where), failed: all.filter((r) => !r.ok).map((r) => ({ where: r.where, message: r.message })) }
}

/** "Delivered to A and B. Could not deliver to C (why)." Empty when nothing was delivered. */
export function deliverySentence(reports: readonly DeliveryReport[]): string {
  const { updated, failed } = deliverySummary(reports)
  const parts: string[] = []
  if (updated.length > 0) parts.push(`Delivered to ${list(updated)}.`)
  if (failed.length > 0) parts.push(`Could not deliver to ${list(failed.map((f) => `${f.where} (${f.message.replace(/[.]$/, '')})`))}.`)
  return parts.join(' ')
}

/** Every report made while `run` runs, for a step that may store several new secrets. */
export async function collectReports<T>(deliveries: { onReport(listener: (r: DeliveryReport) => void): () => void }, run: () => Promise<T>): Promise<{ value: T; reports: DeliveryReport[] }> {
  const reports: DeliveryReport[] = []
  const stop = deliveries.onReport((r) => reports.push(r))
  try {
    return { value: await run(), reports }
  } finally {
    stop()
  }
}


