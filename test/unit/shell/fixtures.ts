import type { AppState, TokenSummary } from '../../../preload/api'

export const NOW = Date.parse('2025-06-01T12:00:00Z')
const DAY = 86_400_000

export function token(overrides: Partial<TokenSummary> = {}): TokenSummary {
  return {
    id: 'tok_1',
    name: 'Ads token',
    kind: 'USER',
    last4: 'abcd',
    appId: '123',
    userId: '456',
    profileId: null,
    scopes: ['ads_read'],
    expiresAt: new Date(NOW + 40 * DAY).toISOString(),
    neverExpires: false,
    dataAccessExpiresAt: null,
    status: 'valid',
    problem: null,
    lastCheckedAt: null,
    parentId: null,
    ...overrides,
  }
}

export function appState(tokens: TokenSummary[] = []): AppState {
  return {
    mode: 'practice',
    app: null,
    storage: { protection: 'os-keystore', backend: 'safeStorage:kwallet6', persisting: true, unlock: null, scriptPassphrase: null },
    wizard: { step: 'purpose' },
    tokens,
    access: null,
    settings: { reminderDays: [7, 1], dataAccessReminderDays: [14], checkIntervalHours: 6, startAtLogin: false, allowWeakSecretStorage: false },
    notices: [],
    online: true,
    lastCheckAt: null,
    practiceNow: null,
    practiceExplorerUrl: null,
    doctor: null,
    versions: null,
  }
}
