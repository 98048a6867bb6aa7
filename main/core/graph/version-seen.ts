import type { HeaderSource } from './headers'
import { headerValue } from './headers'

/** What one answer said about versions: the one asked for (in its URL) and the one that served it. */
export interface VersionSeen {
  requested: string | null
  /** `facebook-api-version`: the version that produced the answer (graph-api-doctor.md §3.3). */
  served: string | null
  /** `x-ad-api-version-warning`, verbatim (§3.4). */
  adWarning: string | null
  /** A Marketing API (ads) call: Marketing end dates apply to it. */
  adsCall: boolean
  at: number
}

/** The latest answer of each kind: any call, and the latest ads call. */
export interface VersionsSeen {
  graph?: VersionSeen
  ads?: VersionSeen
}

const ADS_PATH = /\/act_\d+(\/|$)|\/(adaccounts|owned_ad_accounts|client_ad_accounts|insights|campaigns|adsets|ads|adcreatives)(\/|$)/

/** Undefined when the answer carried neither header (a non-Graph answer, a test stub). */
export function versionSeen(headers: HeaderSource, url: URL, at: number): VersionSeen | undefined {
  const served = headerValue(headers, 'facebook-api-version')?.trim() || null
  const adWarning = headerValue(headers, 'x-ad-api-version-warning')?.trim() || null
  if (served === null && adWarning === null) return undefined
  const requested = /^\/(v\d{1,3}\.\d{1,2})(\/|$)/.exec(url.pathname)?.[1] ?? null
  return { requested, served, adWarning, adsCall: ADS_PATH.test(url.pathname), at }
}
