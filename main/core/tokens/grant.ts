import type { GrantReport, Purpose } from '../../../preload/api'
import type { TokenDebugInfo } from '../graph'
import { CONFIG_WHERE } from './configurations'
import { PURPOSE_LABELS, PURPOSE_SCOPES } from './scopes'

const PAGE_SCOPE = /^pages_/
const ADS_SCOPE = /^ads_/


/** A warning when the dialog's asset picker was left empty (graph-api-doctor.md §2.1 `target_ids`), else null. */
function noAssetsChosen(targets: GrantReport['targets'], matches: RegExp, kind: 'Page' | 'ad account'): string | null {
  const entry = targets.find((t) => matches.test(t.scope))
  // Nothing picked in the dialog: what that returns is not confirmed (login-for-business.md Q11); empty target_ids is read as none.
  if (entry?.ids?.length !== 0) return null
  return `No ${kind}s were chosen in Facebook's dialog, so the token reaches none. Log in again and choose them (or all current and future ones).`
}

/**
 * What a Login for Business configuration granted, read back from debug_token (scopes,
 * granular_scopes and their target_ids), against what the purpose needs. A configuration is
 * all or nothing (login-for-business.md §2): a login that granted no permission at all most
 * likely had one declined, and the fix is another login; one that granted some but not all the
 * purpose needs has a configuration that lacks them, and the fix is in the App Dashboard.
 */
export function readGrant(purpose: Purpose | null, info: TokenDebugInfo, configId: string): GrantReport {
  const granted = [...new Set(info.scopes.filter((s) => s !== 'public_profile'))].sort()
  const needed = purpose ? [...PURPOSE_SCOPES[purpose]] : []
  const missing = needed.filter((s) => !granted.includes(s))
  const targets = info.granularScopes.map((g) => ({ scope: g.scope, ids: g.targetIds ? [...g.targetIds] : null }))
  const words: string[] = []
  if (granted.length === 0) {
    words.push(
      `The configuration (${configId}) granted nothing. Facebook gives an app nothing when any one of a configuration’s permissions is declined: log in again and allow all of them.`,
    )
    return { configId, granted, needed, missing, targets, words }
  }
  for (const line of [noAssetsChosen(targets, PAGE_SCOPE, 'Page'), noAssetsChosen(targets, ADS_SCOPE, 'ad account')]) if (line) words.push(line)
  if (missing.length > 0 && purpose) {
    words.push(
      `To ${PURPOSE_LABELS[purpose]} the token also needs ${missing.join(', ')}. The configuration decides the permissions, so logging in again does not add them: in ${CONFIG_WHERE}, edit this configuration, add ${missing.length === 1 ? 'it' : 'them'}, save, and log in again.`,
    )
  }
  return { configId, granted, needed, missing, targets, words }
}

export const grantedNothing = (grant: GrantReport): boolean => grant.granted.length === 0
