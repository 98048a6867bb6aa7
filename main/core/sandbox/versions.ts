import { GraphError, unknownPathError } from './errors'

/** Graph API versions with release and end dates (graph-api.md §14). v27.0 is presumed. */
const VERSIONS: { name: string; released: string; until: string | null }[] = [
  { name: 'v16.0', released: '2023-02-02', until: '2025-05-14' },
  { name: 'v17.0', released: '2023-05-23', until: '2025-09-12' },
  { name: 'v18.0', released: '2023-09-12', until: '2026-01-26' },
  { name: 'v19.0', released: '2024-01-23', until: '2026-05-21' },
  { name: 'v20.0', released: '2024-05-21', until: '2026-09-24' },
  { name: 'v21.0', released: '2024-10-02', until: '2027-01-21' },
  { name: 'v22.0', released: '2025-01-21', until: '2027-05-20' },
  { name: 'v23.0', released: '2025-05-29', until: '2027-10-08' },
  { name: 'v24.0', released: '2025-10-08', until: '2028-02-18' },
  { name: 'v25.0', released: '2026-02-18', until: '2028-07-29' },
  { name: 'v26.0', released: '2026-07-29', until: null },
  { name: 'v27.0', released: '2026-11-04', until: null },
]

const VALID = /^v\d{1,3}\.\d$/
const LOOKS_LIKE_VERSION = /^v\d|^\d+\.\d/

const numberOf = (name: string): number => Number(name.slice(1))
const ms = (date: string): number => Date.parse(`${date}T00:00:00Z`)

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
  if (!VALID.test(first)) throw unknownPathError(`/${rest.join('/')}`)
  return { requested: first, segments: rest }
}

/**
 * The version that serves a call, for the `facebook-api-version` header: the newest released
 * one when unversioned; for an expired one, the next still usable (§14). Only versions beyond
 * the table count as unreleased, so a test clock set in the past never breaks a current client.
 */
export function servedVersion(requested: string | null, nowMs: number, unreleased: 'error' | 'serve'): string {
  const released = VERSIONS.filter((v) => ms(v.released) <= nowMs)
  const newest = released[released.length - 1]?.name ?? VERSIONS[VERSIONS.length - 1]!.name
  if (requested === null) return newest
  const n = numberOf(requested)
  if (n > numberOf(VERSIONS[VERSIONS.length - 1]!.name)) {
    if (unreleased === 'error') throw new GraphError(2500, `Unknown path components: /${requested}`)
    return newest
  }
  const usable = VERSIONS.filter((v) => v.until === null || ms(v.until) > nowMs)
  if (usable.some((v) => v.name === requested)) return requested
  return usable.find((v) => numberOf(v.name) > n)?.name ?? newest
}
