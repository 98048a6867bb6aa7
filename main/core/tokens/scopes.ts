import type { Purpose, ScopeReport } from '../../../preload/api'

/** What each purpose needs. The wizard preselects these; the user may add more. */
export const PURPOSE_SCOPES: Record<Purpose, readonly string[]> = {
  'manage-ads': ['ads_management', 'ads_read', 'business_management', 'pages_show_list', 'pages_read_engagement'],
  'read-insights': ['ads_read', 'read_insights', 'pages_show_list', 'pages_read_engagement'],
  'manage-pages': ['pages_show_list', 'pages_read_engagement', 'pages_manage_posts', 'pages_manage_metadata'],
}

export const PURPOSE_LABELS: Record<Purpose, string> = {
  'manage-ads': 'manage ads',
  'read-insights': 'read insights',
  'manage-pages': 'manage Pages',
}

export interface PermissionRow {
  permission: string
  status: string
}

/**
 * Granted, declined and missing for a purpose, from debug_token's scopes and, when known,
 * /me/permissions (which is the only place that says "declined").
 */
export function scopeReport(purpose: Purpose | null, grantedScopes: readonly string[], permissions?: readonly PermissionRow[]): ScopeReport {
  const granted = new Set(grantedScopes)
  const declined = new Set<string>()
  for (const row of permissions ?? []) {
    if (row.status === 'granted') granted.add(row.permission)
    else if (row.status === 'declined' || row.status === 'expired') declined.add(row.permission)
  }
  const needed = purpose ? PURPOSE_SCOPES[purpose] : []
  const missing = needed.filter((s) => !granted.has(s) && !declined.has(s))
  return {
    granted: [...granted].sort(),
    declined: [...declined].filter((s) => !granted.has(s)).sort(),
    missing,
  }
}

/** Plain-words advice for what a scope report lacks. */
export function scopeAdvice(purpose: Purpose | null, report: ScopeReport): string[] {
  const advice: string[] = []
  const lacking = purpose ? PURPOSE_SCOPES[purpose].filter((s) => !report.granted.includes(s)) : []
  if (lacking.length > 0 && purpose) {
    advice.push(
      `To ${PURPOSE_LABELS[purpose]} this token also needs: ${lacking.join(', ')}. ` +
        (report.declined.some((s) => lacking.includes(s))
          ? 'You declined some of them; Token Desk can ask Facebook to show them again (re-request).'
          : 'Log in again and allow them, or in Graph API Explorer add them under Permissions before you generate the token.'),
    )
  }
  return advice
}
