import type { AppState, TokenSummary } from '../../preload/api'

const NOW = Date.parse('2026-06-01T09:00:00.000Z')
const DAY = 86_400_000
const iso = (days: number): string => new Date(NOW + days * DAY).toISOString()

/** `families` logins, each a user token and the Page tokens made from it: `tokens` in all. */
export function tokensInFamilies(tokens: number, families: number): TokenSummary[] {
  const out: TokenSummary[] = []
  for (let f = 0; f < families; f++) {
    const size = Math.floor(tokens / families) + (f < tokens % families ? 1 : 0)
    const userId = `user-${f}`
    for (let i = 0; i < size; i++) {
      const page = i > 0
      out.push({
        id: page ? `${userId}-page-${i}` : userId,
        name: page ? `Brand ${f + 1} Page ${i}` : `Login ${f + 1} (user token)`,
        kind: page ? 'PAGE' : 'USER',
        last4: String(1000 + i).slice(-4),
        appId: '1234567890',
        userId: String(100 + f),
        profileId: page ? String(900000 + f * 1000 + i) : null,
        scopes: page ? ['pages_manage_posts', 'pages_read_engagement'] : ['pages_show_list', 'ads_management'],
        expiresAt: page ? null : iso(20 + f * 4),
        neverExpires: page,
        dataAccessExpiresAt: iso(60 + f),
        status: (f === 2 && i % 7 === 3) ? 'dead' : 'valid',
        problem: f === 2 && i % 7 === 3 ? { reason: 'no-page-role', code: 190, subcode: 492, message: 'The person no longer has a role on this Page.', fix: 'fix-page-role' } : null,
        lastCheckedAt: iso(-0.1),
        parentId: page ? userId : null,
      })
    }
  }
  return out
}

/** One login with `pages` Page tokens made from it: the family a big advertiser opens. */
export function oneBigFamily(pages: number): TokenSummary[] {
  const [user] = tokensInFamilies(1, 1)
  const out: TokenSummary[] = [{ ...user!, status: 'valid', problem: null }]
  for (let i = 1; i <= pages; i++) {
    out.push({ ...user!, id: `user-0-page-${i}`, name: `Brand Page ${String(i).padStart(3, '0')}`, kind: 'PAGE', last4: String(1000 + i).slice(-4), profileId: String(900000 + i), scopes: ['pages_manage_posts'], expiresAt: null, neverExpires: true, status: 'valid', problem: null, parentId: user!.id })
  }
  return out
}

export function benchState(tokens: TokenSummary[]): AppState {
  return {
    mode: 'practice',
    app: { appId: '1234567890', redirectUri: 'http://127.0.0.1/callback', apiVersion: 'v25.0' },
    storage: { protection: 'os-keystore', backend: 'bench', persisting: true, unlock: null, scriptPassphrase: null },
    wizard: { step: 'purpose' },
    tokens,
    access: null,
    settings: { reminderDays: [14, 7, 3, 1], dataAccessReminderDays: [14, 3], checkIntervalHours: 6, startAtLogin: false, allowWeakSecretStorage: false },
    notices: [],
    online: true,
    lastCheckAt: iso(-0.1),
    practiceNow: iso(0),
    practiceExplorerUrl: null,
    doctor: null,
    versions: null,
  }
}
