import { unknownPathError } from './errors'

/**
 * Every Graph API version with its release and end dates (graph-api-doctor.md §3.1, graph-api.md
 * §14): a version outside this list never existed and is refused.
 */
const VERSIONS: { name: string; released: string; until: string | null }[] = [
  { name: 'v1.0', released: '2010-04-21', until: '2015-04-30' },
  { name: 'v2.0', released: '2014-04-30', until: '2016-08-08' },
  { name: 'v2.1', released: '2014-08-07', until: '2016-10-31' },
  { name: 'v2.2', released: '2014-10-30', until: '2017-03-27' },
  { name: 'v2.3', released: '2015-03-25', until: '2017-07-10' },
  { name: 'v2.4', released: '2015-07-08', until: '2017-10-09' },
  { name: 'v2.5', released: '2015-10-07', until: '2018-04-12' },
  { name: 'v2.6', released: '2016-04-12', until: '2018-07-13' },
  { name: 'v2.7', released: '2016-07-13', until: '2018-10-05' },
  { name: 'v2.8', released: '2016-10-05', until: '2019-04-18' },
  { name: 'v2.9', released: '2017-04-18', until: '2019-07-22' },
  { name: 'v2.10', released: '2017-07-18', until: '2019-11-07' },
  { name: 'v2.11', released: '2017-11-07', until: '2020-01-28' },
  { name: 'v2.12', released: '2018-01-30', until: '2020-05-05' },
  { name: 'v3.0', released: '2018-05-01', until: '2020-07-28' },
  { name: 'v3.1', released: '2018-07-26', until: '2020-10-27' },
  { name: 'v3.2', released: '2018-10-23', until: '2021-05-04' },
  { name: 'v3.3', released: '2019-04-30', until: '2021-08-03' },
  { name: 'v4.0', released: '2019-07-29', until: '2021-11-02' },
  { name: 'v5.0', released: '2019-10-29', until: '2022-02-03' },
  { name: 'v6.0', released: '2020-02-03', until: '2022-05-05' },
  { name: 'v7.0', released: '2020-05-05', until: '2022-08-04' },
  { name: 'v8.0', released: '2020-08-04', until: '2022-11-01' },
  { name: 'v9.0', released: '2020-11-10', until: '2023-02-23' },
  { name: 'v10.0', released: '2021-02-23', until: '2023-06-08' },
  { name: 'v11.0', released: '2021-06-08', until: '2023-09-14' },
  { name: 'v12.0', released: '2021-09-14', until: '2024-02-08' },
  { name: 'v13.0', released: '2022-02-08', until: '2024-05-28' },
  { name: 'v14.0', released: '2022-05-25', until: '2024-09-17' },
  { name: 'v15.0', released: '2022-09-15', until: '2024-11-20' },
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

/** The versions the table lists, newest last: for documentation and tests. */
export const KNOWN_VERSIONS: readonly string[] = VERSIONS.map((v) => v.name)

const VALID = /^v\d{1,3}\.\d{1,2}$/
const LOOKS_LIKE_VERSION = /^v\d|^\d+\.\d/

/** v2.10 comes after v2.9: compare major, then minor. */
function order(name: string): number {
  const [major, minor] = name.slice(1).split('.').map(Number)
  return (major ?? 0) * 100 + (minor ?? 0)
}
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
 * one when unversioned; for an expired one, the next still usable (§14). A version the table does
 * not know is refused with the code-2500 error real malformed versions get, except one newer
 * than the table when `unreleased` says 'serve'. Only versions beyond the table count as
 * unreleased, so a test clock set in the past never breaks a current client.
 */
export function servedVersion(requested: string | null, nowMs: number, unreleased: 'error' | 'serve', rest: readonly string[] = []): string {
  const released = VERSIONS.filter((v) => ms(v.released) <= nowMs)
  const newest = released[released.length - 1]?.name ?? VERSIONS[VERSIONS.length - 1]!.name
  if (requested === null) return newest
  const n = order(requested)
  const known = VERSIONS.some((v) => v.name === requested)
  if (!known) {
    if (n > order(VERSIONS[VERSIONS.length - 1]!.name) && unreleased === 'serve') return newest
    throw unknownPathError(`/${rest.join('/')}`)
  }
  const usable = VERSIONS.filter((v) => v.until === null || ms(v.until) > nowMs)
  if (usable.some((v) => v.name === requested)) return requested
  return usable.find((v) => order(v.name) > n)?.name ?? newest
}
