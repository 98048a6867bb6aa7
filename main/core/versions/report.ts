import type { VersionStatus } from '../../../preload/api'
import {
  GRAPH_VERSIONS,
  MARKETING_VERSIONS,
  VERSIONS_CHECKED,
  compareVersions,
  dayMs,
  findVersion,
  isUsable,
  newestReleased,
  nextUsable,
  versionParts,
} from './table'

const DAY_MS = 86_400_000
/** Meta's Marketing API keeps a version at least 90 days after the next one (§3.4): warn from then. */
export const WARN_DAYS = 90

/** The contract's shape: the report goes to the renderer as it is. */
export type VersionReport = VersionStatus
export type VersionLine = VersionStatus['lines'][number]

export interface VersionObservation {
  requested: string
  served?: string | null
  /** `x-ad-api-version-warning`, verbatim. */
  adWarning?: string | null
  /** True when the answer came from a Marketing API (ads) call: Marketing end dates apply. */
  adsCall?: boolean
  now: number
}

const daysUntil = (date: string, now: number): number => Math.ceil((dayMs(date) - now) / DAY_MS)

/** "21 January 2027" in English, whatever the machine's locale: these lines also go to logs and the CLI. */
export function longDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(dayMs(date))
}

const FIX = 'Choose a newer version in Token Desk (Settings, or TOKEN_DESK_API_VERSION for the command line) and in your scripts.'

function endLine(what: string, requested: string, until: string, now: number, newest: string): VersionLine | null {
  const left = daysUntil(until, now)
  if (left <= 0) return { level: 'warning', text: `${what}${requested} ended on ${longDate(until)}. ${FIX} The newest is ${newest}.` }
  if (left <= WARN_DAYS)
    return { level: 'warning', text: `${what}${requested} ends on ${longDate(until)}, in ${left} day${left === 1 ? '' : 's'}. ${FIX} The newest is ${newest}.` }
  return null
}

function unknownLine(requested: string, newest: string): VersionLine {
  const parts = versionParts(requested)
  const newer = parts !== null && compareVersions(requested, newest) > 0
  return {
    level: 'warning',
    text: newer
      ? `${requested} is newer than any version Token Desk knows (its table was checked on ${longDate(VERSIONS_CHECKED)} and ends at ${newest}). If Meta released it since, it works; if not, Facebook answers "Unknown path components" (error 2500).`
      : `${requested} is not a version Meta released, so Facebook answers "Unknown path components" (error 2500). Use ${newest}.`,
  }
}

/** Pure: the version lines for one observation, from the tables and the headers Facebook sent. */
export function describeVersion(observation: VersionObservation): VersionReport {
  const { requested, now } = observation
  const served = observation.served ?? null
  const graph = findVersion(GRAPH_VERSIONS, requested)
  const marketing = findVersion(MARKETING_VERSIONS, requested)
  const newest = newestReleased(GRAPH_VERSIONS, now).name
  const lines: VersionLine[] = []
  if (!graph) lines.push(unknownLine(requested, newest))
  if (served && served !== requested) {
    const ended = graph && !isUsable(graph, now)
    const why = ended
      ? `${requested} has ended, so Facebook answers with the next version still served.`
      : observation.adsCall && observation.adWarning
        ? 'Facebook upgraded this ads call automatically.'
        : 'Facebook serves an app no version older than the one it first called with, so the answers follow the newer version.'
    lines.push({ level: 'info', text: `Token Desk asks for ${requested}; Facebook answered with ${served}. ${why}` })
  }
  if (graph?.until) {
    const line = endLine('', requested, graph.until, now, newest)
    if (line) lines.push(line)
  }
  if (observation.adsCall && marketing?.until) {
    const line = endLine('For ads calls (Marketing API), ', requested, marketing.until, now, newest)
    if (line) lines.push(line)
  }
  if (observation.adWarning) lines.push({ level: 'warning', text: `Facebook says about an ads call: “${observation.adWarning.trim()}”` })
  return {
    requested,
    served,
    known: graph !== undefined,
    graphUntil: graph?.until ?? null,
    marketingUntil: marketing?.until ?? null,
    newest,
    checkedOn: VERSIONS_CHECKED,
    lines,
  }
}

/** Where a call to an ended version lands, per the table: for the sandbox and the explanations. */
export function servedFor(requested: string, now: number, table = GRAPH_VERSIONS): string {
  const row = findVersion(table, requested)
  if (row && isUsable(row, now)) return requested
  return nextUsable(table, requested, now)?.name ?? newestReleased(table, now).name
}

/**
 * Plain words for error 2635 (§3.4): the Marketing API no longer serves the version for a call
 * that changed since, so it could not be upgraded. `graphMessage` may name the latest version.
 */
export function explainDeprecatedVersion(graphMessage: string | undefined, requested: string | null, now: number): string {
  const latest = /latest version:?\s*(v\d{1,3}\.\d)/i.exec(graphMessage ?? '')?.[1] ?? newestReleased(GRAPH_VERSIONS, now).name
  const which = requested ? `${requested} of the Marketing API` : 'this Marketing API version'
  return `Facebook no longer serves ${which} for this ads call (error 2635): the call changed in a newer version, so Facebook could not upgrade it automatically. Use ${latest}.`
}
