/**
 * Graph API and Marketing API versions, with their release and end dates, as data
 * (graph-api-doctor.md §3.1, §3.2). Meta moves these dates: an end date once said "October 6,
 * 2026" later read "2026-11-10". So the table carries the day it was last compared with Meta's
 * changelogs, and every message built from it says so.
 */

export interface VersionRow {
  name: string
  /** ISO date. */
  released: string
  /** ISO date after which the version is no longer served; null while Meta says "TBD". */
  until: string | null
}

/** The day these tables were last compared with Meta's changelogs (the v27.0 announcement). */
export const VERSIONS_CHECKED = '2026-11-04'

export const VERSION_SOURCES = [
  'https://developers.facebook.com/docs/graph-api/changelog/versions/',
  'https://developers.facebook.com/documentation/ads-commerce/marketing-api/marketing-api-changelog/versions.md',
  'https://developers.facebook.com/blog/post/2026/11/04/introducing-graph-api-v27-and-marketing-api-v27/',
] as const

const row = (name: string, released: string, until: string | null): VersionRow => ({ name, released, until })

/** Graph API: "available until" per the English, ja, de and it copies of the changelog. */
export const GRAPH_VERSIONS: readonly VersionRow[] = [
  row('v1.0', '2010-04-21', '2015-04-30'),
  row('v2.0', '2014-04-30', '2016-08-08'),
  row('v2.1', '2014-08-07', '2016-10-31'),
  row('v2.2', '2014-10-30', '2017-03-27'),
  row('v2.3', '2015-03-25', '2017-07-10'),
  row('v2.4', '2015-07-08', '2017-10-09'),
  row('v2.5', '2015-10-07', '2018-04-12'),
  row('v2.6', '2016-04-12', '2018-07-13'),
  row('v2.7', '2016-07-13', '2018-10-05'),
  row('v2.8', '2016-10-05', '2019-04-18'),
  row('v2.9', '2017-04-18', '2019-07-22'),
  row('v2.10', '2017-07-18', '2019-11-07'),
  row('v2.11', '2017-11-07', '2020-01-28'),
  row('v2.12', '2018-01-30', '2020-05-05'),
  row('v3.0', '2018-05-01', '2020-07-28'),
  row('v3.1', '2018-07-26', '2020-10-27'),
  row('v3.2', '2018-10-23', '2021-05-04'),
  row('v3.3', '2019-04-30', '2021-08-03'),
  row('v4.0', '2019-07-29', '2021-11-02'),
  row('v5.0', '2019-10-29', '2022-02-03'),
  row('v6.0', '2020-02-03', '2022-05-05'),
  row('v7.0', '2020-05-05', '2022-08-04'),
  row('v8.0', '2020-08-04', '2022-11-01'),
  row('v9.0', '2020-11-10', '2023-02-23'),
  row('v10.0', '2021-02-23', '2023-06-08'),
  row('v11.0', '2021-06-08', '2023-09-14'),
  row('v12.0', '2021-09-14', '2024-02-08'),
  row('v13.0', '2022-02-08', '2024-05-28'),
  row('v14.0', '2022-05-25', '2024-09-17'),
  row('v15.0', '2022-09-15', '2024-11-20'),
  row('v16.0', '2023-02-02', '2025-05-14'),
  row('v17.0', '2023-05-23', '2025-09-12'),
  row('v18.0', '2023-09-12', '2026-01-26'),
  row('v19.0', '2024-01-23', '2026-05-21'),
  row('v20.0', '2024-05-21', '2026-09-24'),
  row('v21.0', '2024-10-02', '2027-01-21'),
  row('v22.0', '2025-01-21', '2027-05-20'),
  row('v23.0', '2025-05-29', '2027-10-08'),
  row('v24.0', '2025-10-08', '2028-02-18'),
  row('v25.0', '2026-02-18', '2028-07-29'),
  row('v26.0', '2026-07-29', null),
  row('v27.0', '2026-11-04', null),
]

/**
 * Marketing API: versions end about a year after release, sooner than Graph's. Rows before
 * v22.0 have their labels inferred from the release dates (§3.2, "label inference"); v2.11,
 * v2.12 and v3.x carry only the end date the old copy gives.
 */
export const MARKETING_VERSIONS: readonly VersionRow[] = [
  row('v2.11', '2017-11-07', '2018-08-07'),
  row('v2.12', '2018-01-30', '2018-08-07'),
  row('v3.0', '2018-05-01', '2019-02-01'),
  row('v3.1', '2018-07-26', '2019-05-14'),
  row('v3.2', '2018-10-23', '2019-08-13'),
  row('v3.3', '2019-04-30', '2020-01-13'),
  row('v4.0', '2019-07-29', '2020-03-31'),
  row('v5.0', '2019-10-29', '2020-09-28'),
  row('v6.0', '2020-02-03', '2021-02-08'),
  row('v7.0', '2020-05-05', '2021-03-03'),
  row('v8.0', '2020-08-04', '2021-05-04'),
  row('v9.0', '2020-11-10', '2021-08-25'),
  row('v10.0', '2021-02-23', '2021-10-04'),
  row('v11.0', '2021-06-08', '2022-02-23'),
  row('v12.0', '2021-09-14', '2022-08-09'),
  row('v13.0', '2022-02-08', '2023-01-25'),
  row('v14.0', '2022-05-25', '2023-09-20'),
  row('v15.0', '2022-09-15', '2023-09-20'),
  row('v16.0', '2023-02-02', '2024-02-06'),
  row('v17.0', '2023-05-23', '2024-05-14'),
  row('v18.0', '2023-09-12', '2024-08-13'),
  row('v19.0', '2024-01-23', '2025-02-04'),
  row('v20.0', '2024-05-21', '2025-05-06'),
  row('v21.0', '2024-10-02', '2025-09-09'),
  row('v22.0', '2025-01-21', '2026-02-19'),
  row('v23.0', '2025-05-29', '2026-06-09'),
  row('v24.0', '2025-10-08', '2026-11-10'),
  row('v25.0', '2026-02-18', '2027-02-23'),
  row('v26.0', '2026-07-29', null),
  row('v27.0', '2026-11-04', null),
]

/** Start of the day, UTC, in milliseconds. */
export const dayMs = (date: string): number => Date.parse(`${date}T00:00:00Z`)

/** "v25.0" -> [25, 0]; null for anything that is not a version label. */
export function versionParts(name: string): [number, number] | null {
  const match = /^v(\d{1,3})\.(\d{1,2})$/.exec(name)
  return match ? [Number(match[1]), Number(match[2])] : null
}

/** Orders version labels: negative when a is older than b. Labels that do not parse sort first. */
export function compareVersions(a: string, b: string): number {
  const pa = versionParts(a) ?? [-1, -1]
  const pb = versionParts(b) ?? [-1, -1]
  return pa[0] - pb[0] || pa[1] - pb[1]
}

export function findVersion(table: readonly VersionRow[], name: string): VersionRow | undefined {
  return table.find((r) => r.name === name)
}

/** The newest version released by `nowMs`, per the table. */
export function newestReleased(table: readonly VersionRow[], nowMs: number): VersionRow {
  const released = table.filter((r) => dayMs(r.released) <= nowMs)
  return released[released.length - 1] ?? table[table.length - 1]!
}

/** Still served at `nowMs`: its end date (if any) has not come. */
export const isUsable = (row: VersionRow, nowMs: number): boolean => row.until === null || dayMs(row.until) > nowMs

/** The oldest usable version newer than `name`: where Meta sends a call to an ended version (§3.3). */
export function nextUsable(table: readonly VersionRow[], name: string, nowMs: number): VersionRow | undefined {
  return table.find((r) => compareVersions(r.name, name) > 0 && isUsable(r, nowMs))
}
