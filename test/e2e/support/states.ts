import type { AppState, InspectedToken, PageChoice, TokenSummary } from '../../../preload/api'

/** The simulated clock every fixture uses, so countdowns in screenshots are stable. */
export const NOW = '2026-06-01T09:00:00.000Z'
const inDays = (days: number) => new Date(Date.parse(NOW) + days * 86_400_000).toISOString()

export function baseState(patch: Partial<AppState> = {}): AppState {
  return {
    mode: 'none',
    app: null,
    storage: { protection: 'os-keystore', backend: 'gnome_libsecret', persisting: true, unlock: null, scriptPassphrase: null },
    wizard: { step: 'purpose' },
    tokens: [],
    access: null,
    settings: {
      reminderDays: [14, 7, 3, 1],
      dataAccessReminderDays: [14, 3],
      checkIntervalHours: 6,
      startAtLogin: false,
      allowWeakSecretStorage: false,
    },
    notices: [],
    online: true,
    lastCheckAt: null,
    practiceNow: null,
    practiceExplorerUrl: null,
    doctor: null,
    versions: null,
    ...patch,
  }
}

export const practiceState = (patch: Partial<AppState> = {}): AppState =>
  baseState({ mode: 'practice', practiceNow: NOW, ...patch })

export const inspected = (patch: Partial<InspectedToken> = {}): InspectedToken => ({
  kind: 'USER',
  last4: 'q7Zx',
  appId: '1234567890',
  application: 'Token Desk Practice',
  userId: '100200300',
  userName: 'Sam Advertiser',
  profileId: null,
  issuedAt: NOW,
  expiresAt: inDays(60),
  neverExpires: false,
  dataAccessExpiresAt: inDays(90),
  longLived: true,
  scopes: {
    granted: ['pages_show_list', 'pages_read_engagement', 'pages_manage_posts'],
    declined: ['pages_manage_metadata'],
    missing: [],
  },
  advice: ['pages_manage_metadata was turned off in the Facebook window: webhooks for your Pages will not work.'],
  ...patch,
})

export const PAGES: PageChoice[] = [
  { id: '111000111', name: 'Corner Bakery', category: 'Bakery', tasks: ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MANAGE'] },
  { id: '222000222', name: 'Corner Bakery Events', category: 'Event planner', tasks: ['ADVERTISE', 'ANALYZE'] },
  { id: '333000333', name: 'Weekend Market', category: null, tasks: ['CREATE_CONTENT'] },
]

export const token = (patch: Partial<TokenSummary>): TokenSummary => ({
  id: 'tok-user',
  name: 'Sam Advertiser (user)',
  kind: 'USER',
  last4: 'q7Zx',
  appId: '1234567890',
  userId: '100200300',
  profileId: null,
  scopes: ['ads_management', 'ads_read', 'business_management'],
  expiresAt: inDays(52),
  neverExpires: false,
  dataAccessExpiresAt: inDays(80),
  status: 'valid',
  problem: null,
  lastCheckedAt: inDays(-0.1),
  parentId: null,
  ...patch,
})

export const DASHBOARD_TOKENS: TokenSummary[] = [
  token({}),
  token({
    id: 'tok-page-1',
    name: 'Corner Bakery',
    kind: 'PAGE',
    last4: 'B4ke',
    profileId: '111000111',
    scopes: ['pages_manage_posts', 'pages_read_engagement'],
    expiresAt: null,
    neverExpires: true,
    parentId: 'tok-user',
  }),
  token({
    id: 'tok-page-2',
    name: 'Weekend Market',
    kind: 'PAGE',
    last4: 'Mk7t',
    profileId: '333000333',
    expiresAt: null,
    neverExpires: true,
    status: 'dead',
    problem: {
      reason: 'no-page-role',
      code: 190,
      subcode: null,
      message: 'Sam no longer has a role on the Page “Weekend Market”, so its token stopped working.',
      fix: 'fix-page-role',
    },
    parentId: 'tok-user',
  }),
  token({
    id: 'tok-reports',
    name: 'Reporting script',
    last4: 'R3pt',
    scopes: ['ads_read', 'read_insights'],
    expiresAt: inDays(5),
    status: 'expiring',
  }),
  token({
    id: 'tok-old',
    name: 'Old campaign tool',
    last4: 'Old1',
    expiresAt: inDays(20),
    status: 'dead',
    problem: {
      reason: 'password-changed',
      code: 190,
      subcode: 460,
      message: 'The Facebook password was changed, or Facebook ended the session for security reasons.',
      fix: 'reauthorize',
    },
  }),
]

export const dashboardState = (patch: Partial<AppState> = {}): AppState =>
  practiceState({
    tokens: DASHBOARD_TOKENS,
    lastCheckAt: inDays(-0.1),
    notices: [
      {
        id: 'p:tok-user:no-page-role:tok-page-2',
        level: 'error',
        message: 'You no longer have a role on the Page: “Weekend Market” stopped. Ask an admin of the Page to give you a role again, then check again.',
        tokenIds: ['tok-page-2'],
        familyId: 'tok-user',
      },
      { id: 'n1', level: 'warning', message: '“Reporting script” stops working in 5 days', tokenId: 'tok-reports' },
    ],
    ...patch,
  })

export const accessState = (): AppState =>
  dashboardState({
    notices: [],
    access: {
      liveTier: 'development_access',
      liveTierName: 'Limited',
      level: 'development',
      adAccounts: [
        { id: 'act_1001', accountId: '1001', name: 'Corner Bakery Ads', status: 1, statusWords: 'Active', canRun: true, throughBusiness: null },
        { id: 'act_1002', accountId: '1002', name: 'Events Ads', status: 1, statusWords: 'Active', canRun: true, throughBusiness: 'Corner Bakery Ltd' },
        { id: 'act_1003', accountId: '1003', name: 'Old account', status: 2, statusWords: 'Disabled: payment risk', canRun: false, throughBusiness: null },
        { id: 'act_1004', accountId: '1004', name: 'Market Ads', status: 1, statusWords: 'Active', canRun: true, throughBusiness: null },
      ],
      adAccountLimit: 5,
      usage: [
        { name: 'App calls', percent: 28 },
        { name: 'Ad account (act_1001)', percent: 86 },
      ],
      checkedAt: inDays(-0.05),
    },
  })

/** `count` tokens in `families` logins: a user token each, the rest Page tokens made from them. */
export function manyTokens(count: number, families: number): TokenSummary[] {
  const out: TokenSummary[] = []
  for (let f = 0; f < families; f++) {
    const size = Math.floor(count / families) + (f < count % families ? 1 : 0)
    const user = `login-${f + 1}`
    out.push(token({ id: user, name: `Login ${f + 1} (user token)`, last4: `U${String(f).padStart(3, '0')}`, expiresAt: inDays(20 + f * 3) }))
    for (let i = 1; i < size; i++) {
      out.push(
        token({
          id: `${user}-page-${i}`,
          name: `Brand ${f + 1} Page ${i}`,
          kind: 'PAGE',
          last4: `P${String(i).padStart(3, '0')}`,
          profileId: String(700000 + f * 1000 + i),
          expiresAt: null,
          neverExpires: true,
          parentId: user,
        }),
      )
    }
  }
  return out
}
