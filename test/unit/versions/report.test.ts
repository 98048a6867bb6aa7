import { describe, expect, it } from 'vitest'
import { DEFAULT_API_VERSION } from '../../../preload/versions'
import {
  GRAPH_VERSIONS,
  MARKETING_VERSIONS,
  VERSIONS_CHECKED,
  compareVersions,
  describeVersion,
  explainDeprecatedVersion,
  findVersion,
  nextUsable,
  servedFor,
} from '../../../main/core/versions'

const at = (date: string): number => Date.parse(`${date}T12:00:00Z`)

describe('the versions table (graph-api-doctor.md §3)', () => {
  it('is ordered, complete from v1.0 to v27.0, and dated', () => {
    for (const table of [GRAPH_VERSIONS, MARKETING_VERSIONS]) {
      for (let i = 1; i < table.length; i++) expect(compareVersions(table[i - 1]!.name, table[i]!.name)).toBeLessThan(0)
    }
    expect(GRAPH_VERSIONS[0]!.name).toBe('v1.0')
    expect(GRAPH_VERSIONS.at(-1)).toEqual({ name: 'v27.0', released: '2026-11-04', until: null })
    expect(findVersion(GRAPH_VERSIONS, 'v25.0')?.until).toBe('2028-07-29')
    expect(findVersion(MARKETING_VERSIONS, 'v25.0')?.until).toBe('2027-02-23')
    expect(findVersion(MARKETING_VERSIONS, 'v24.0')?.until).toBe('2026-11-10')
    expect(VERSIONS_CHECKED).toBe('2026-11-04')
  })

  it('orders v2.10 after v2.9', () => {
    expect(compareVersions('v2.10', 'v2.9')).toBeGreaterThan(0)
    expect(nextUsable(GRAPH_VERSIONS, 'v2.9', at('2019-09-01'))?.name).toBe('v2.10')
  })

  it('makes v27.0 the default', () => {
    expect(DEFAULT_API_VERSION).toBe('v27.0')
  })

  it('serves an ended version as the next one still served, like the v19.0 -> v20.0 capture', () => {
    expect(servedFor('v19.0', at('2026-09-13'))).toBe('v20.0')
    expect(servedFor('v25.0', at('2026-09-13'))).toBe('v25.0')
  })
})

describe('describeVersion', () => {
  it('says nothing for a version in good standing, served as asked', () => {
    const report = describeVersion({ requested: 'v27.0', served: 'v27.0', now: at('2026-12-01') })
    expect(report).toMatchObject({ known: true, graphUntil: null, newest: 'v27.0', lines: [] })
  })

  it('shows requested vs served when they differ, and why (the app’s floor)', () => {
    const report = describeVersion({ requested: 'v23.0', served: 'v25.0', now: at('2026-10-09') })
    expect(report.lines).toEqual([{ level: 'info', text: expect.stringMatching(/^Token Desk asks for v23\.0; Facebook answered with v25\.0\. Facebook serves an app no version older/) as string }])
  })

  it('warns within 90 days of the Graph end date, and after it', () => {
    const near = describeVersion({ requested: 'v21.0', now: at('2026-12-01') })
    expect(near.lines).toEqual([{ level: 'warning', text: expect.stringMatching(/^v21\.0 ends on 21 January 2027, in 51 days\. Choose a newer version/) as string }])
    expect(describeVersion({ requested: 'v21.0', now: at('2026-10-01') }).lines).toEqual([])
    const ended = describeVersion({ requested: 'v20.0', served: 'v21.0', now: at('2026-12-01') })
    expect(ended.lines.map((l) => l.text)).toEqual([
      expect.stringMatching(/v20\.0 has ended, so Facebook answers with the next version still served\./),
      expect.stringMatching(/^v20\.0 ended on 24 September 2026\./),
    ])
  })

  it('uses the Marketing API end date for ads calls only', () => {
    const graph = describeVersion({ requested: 'v25.0', now: at('2026-12-01') })
    expect(graph.lines).toEqual([])
    const ads = describeVersion({ requested: 'v25.0', now: at('2026-12-01'), adsCall: true })
    expect(ads.marketingUntil).toBe('2027-02-23')
    expect(ads.lines).toEqual([{ level: 'warning', text: expect.stringMatching(/^For ads calls \(Marketing API\), v25\.0 ends on 23 February 2027, in 84 days\./) as string }])
  })

  it('quotes x-ad-api-version-warning and explains the upgrade', () => {
    const text = 'The call has been auto-upgraded to v25.0 as v19.0 has been deprecated.'
    const report = describeVersion({ requested: 'v19.0', served: 'v25.0', adWarning: text, adsCall: true, now: at('2026-03-10') })
    expect(report.lines.map((l) => l.text)).toContain(`Facebook says about an ads call: “${text}”`)
    expect(report.lines[0]!.text).toMatch(/Facebook upgraded this ads call automatically|has ended/)
  })

  it('says what an unknown version means: newer than the table, or never released', () => {
    const newer = describeVersion({ requested: 'v28.0', now: at('2026-12-01') })
    expect(newer.known).toBe(false)
    expect(newer.lines[0]!.text).toMatch(/^v28\.0 is newer than any version Token Desk knows \(its table was checked on 4 November 2026 and ends at v27\.0\)\./)
    const never = describeVersion({ requested: 'v25.5', now: at('2026-12-01') })
    expect(never.lines[0]!.text).toMatch(/^v25\.5 is not a version Meta released, so Facebook answers "Unknown path components" \(error 2500\)\. Use v27\.0\.$/)
  })
})

describe('explainDeprecatedVersion (error 2635)', () => {
  it('names the version asked for and the latest Facebook gives, or the newest known', () => {
    expect(explainDeprecatedVersion('(#2635) You are calling a deprecated version of the Ads API. Please update to the latest version: v25.0.', 'v22.0', at('2026-03-03'))).toBe(
      'Facebook no longer serves v22.0 of the Marketing API for this ads call (error 2635): the call changed in a newer version, so Facebook could not upgrade it automatically. Use v25.0.',
    )
    // The Ad Account reference's wording has no version in it (§3.4).
    expect(explainDeprecatedVersion('You are calling a deprecated version of the Ads API. Please update to the latest version.', null, at('2026-12-01'))).toMatch(/this Marketing API version.*Use v27\.0\.$/)
  })
})
