import type { DoctorFinding, VersionStatus } from '../../../preload/api'
import type { GraphClient } from '../graph'
import { describeVersion, longDate } from '../versions'
import { pass, warn } from './finding'
import { PLACES } from './places'

/**
 * The version in use, from the answers seen so far: the last one of any call, and the last ads
 * call, whose Marketing API end dates come sooner (graph-api-doctor.md §3).
 */
export function versionStatus(graph: GraphClient, now: number): VersionStatus {
  const seen = graph.versions()
  const base = describeVersion({ requested: graph.apiVersion, served: seen.graph?.served ?? null, now })
  if (!seen.ads) return base
  const ads = describeVersion({ requested: seen.ads.requested ?? graph.apiVersion, served: seen.ads.served, adWarning: seen.ads.adWarning, adsCall: true, now })
  const lines = [...base.lines]
  for (const line of ads.lines) if (!lines.some((l) => l.text === line.text)) lines.push(line)
  return { ...base, marketingUntil: ads.marketingUntil, lines }
}

export function checkVersions(graph: GraphClient, now: number): DoctorFinding {
  const status = versionStatus(graph, now)
  const served = status.served && status.served !== status.requested ? `, answered as ${status.served}` : ''
  const end = status.graphUntil ? `served until ${longDate(status.graphUntil)}` : 'no end date announced yet'
  const head = `Token Desk asks for ${status.requested}${served} (${end}; Token Desk’s table was checked on ${longDate(status.checkedOn)}).`
  const warnings = status.lines.filter((l) => l.level === 'warning')
  const infos = status.lines.filter((l) => l.level === 'info')
  const reason = [head, ...infos.map((l) => l.text), ...warnings.map((l) => l.text)].join(' ')
  if (warnings.length === 0) return pass('versions', reason)
  return warn('versions', reason, `Choose ${status.newest} in Token Desk (Settings, or TOKEN_DESK_API_VERSION) and in your scripts; calls without a version use the app’s own setting.`, PLACES.upgradeVersion)
}
