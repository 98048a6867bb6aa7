import {
  GRAPH_VERSIONS,
  MARKETING_VERSIONS,
  compareVersions,
  findVersion,
  isUsable,
  newestReleased,
  nextUsable,
} from '../versions/table'
import { GraphError, unknownPathError } from './errors'

/** The same tables the app warns from (main/core/versions): the sandbox serves what they say. */
/** A well-formed version label (`v25.0`): what a path prefix and an app's version floor must look like. */
export const VERSION_LABEL = /^v\d{1,3}\.\d{1,2}$/
const LOOKS_LIKE_VERSION = /^v\d|^\d+\.\d/
const newestListed = GRAPH_VERSIONS[GRAPH_VERSIONS.length - 1]!.name

/** Every Graph version the table lists, newest last (a label outside it never existed and is refused). */
export const KNOWN_VERSIONS: readonly string[] = GRAPH_VERSIONS.map((v) => v.name)

export interface VersionedPath {
  /** The version asked for, or null for an unversioned call. */
  requested: string | null
  segments: string[]
}

/** Splits an optional `/{v}` prefix off; a malformed one is the real code-2500 error. */
export function splitVersion(segments: string[]): VersionedPath {
  const first = segments[0]
  if (first === undefined || !LOOKS_LIKE_VERSION.test(first)) return { requested: null, segments }
  const rest = segments.slice(1)
  if (!VERSION_LABEL.test(first)) throw unknownPathError(`/${rest.join('/')}`)
  return { requested: first, segments: rest }
}

/**
 * The version that serves a call, for the `facebook-api-version` header: the newest released
 * one when unversioned; an app's floor (the version it first called with) for anything older
 * (graph-api-doctor.md §3.3: served newer than requested); for an ended one, the next still
 * usable. A label the table does not list is the real code-2500 error (§3.5), except one newer
 * than the table when `unreleased` says 'serve'. Only versions beyond the table count as
 * unreleased, so a test clock set in the past never breaks a current client.
 */
export function servedVersion(
  requested: string | null,
  nowMs: number,
  unreleased: 'error' | 'serve',
  floor: string | null = null,
  rest: readonly string[] = [],
): string {
  const newest = newestReleased(GRAPH_VERSIONS, nowMs).name
  if (requested === null) return newest
  if (!findVersion(GRAPH_VERSIONS, requested)) {
    // A label Meta never released: newer than the table may be served (behaviour), anything else is the real 2500.
    if (compareVersions(requested, newestListed) > 0 && unreleased === 'serve') return newest
    throw unknownPathError(`/${rest.join('/')}`)
  }
  const asked = floor !== null && compareVersions(requested, floor) < 0 ? floor : requested
  const row = findVersion(GRAPH_VERSIONS, asked)
  if (row && isUsable(row, nowMs)) return asked
  return nextUsable(GRAPH_VERSIONS, asked, nowMs)?.name ?? newest
}

/** Marketing API paths: ad accounts and a business's ad-account edges. */
export function isAdsCall(segments: readonly string[]): boolean {
  return segments.some((s) => /^act_\d+$/.test(s) || s === 'adaccounts' || s === 'owned_ad_accounts' || s === 'client_ad_accounts')
}

export interface AdsServing {
  served: string
  /** `x-ad-api-version-warning`, when the call was upgraded. */
  warning: string | null
}

/**
 * A Marketing call to an ended version (§3.4): reads are upgraded with a warning header, as the
 * real captures show; a write, or any call when the app turned auto-upgrade off, earns 2635.
 */
export function servedForAds(version: string, nowMs: number, method: string, autoUpgrade: boolean): AdsServing {
  const row = findVersion(MARKETING_VERSIONS, version)
  if (!row || isUsable(row, nowMs)) return { served: version, warning: null }
  const next = nextUsable(MARKETING_VERSIONS, version, nowMs)?.name ?? newestReleased(MARKETING_VERSIONS, nowMs).name
  if (!autoUpgrade || method !== 'GET') {
    const latest = newestReleased(MARKETING_VERSIONS, nowMs).name
    throw new GraphError(2635, `(#2635) You are calling a deprecated version of the Ads API. Please update to the latest version: ${latest}.`)
  }
  return { served: next, warning: `The call has been auto-upgraded to ${next} as ${version} has been deprecated.` }
}
