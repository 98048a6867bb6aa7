import type { AppState, TokenSummary } from '../../preload/api'

/** The tray shows the worst of all tokens: one dead token turns the whole icon red. */
export type TrayLevel = 'ok' | 'expiring' | 'dead'

export function worstLevel(tokens: readonly TokenSummary[]): TrayLevel {
  if (tokens.some((t) => t.status === 'dead' || t.status === 'needs-relogin')) return 'dead'
  if (tokens.some((t) => t.status === 'expiring')) return 'expiring'
  return 'ok'
}

const DAY_MS = 86_400_000

/** Whole days left, rounded down; null for tokens that never expire or have no date. */
export function daysLeft(token: TokenSummary, now: number): number | null {
  if (token.neverExpires || token.expiresAt === null) return null
  const at = Date.parse(token.expiresAt)
  if (Number.isNaN(at)) return null
  return Math.max(0, Math.floor((at - now) / DAY_MS))
}

export function tokenLine(token: TokenSummary, now: number): string {
  if (token.status === 'dead' || token.status === 'needs-relogin') return `${token.name}: needs attention`
  const days = daysLeft(token, now)
  if (days === null) return `${token.name}: does not expire`
  return `${token.name}: ${days === 1 ? '1 day' : `${days} days`} left`
}

export function trayTooltip(state: AppState): string {
  const level = worstLevel(state.tokens)
  if (state.tokens.length === 0) return 'Token Desk: no tokens yet'
  if (level === 'dead') return 'Token Desk: a token needs attention'
  if (level === 'expiring') return 'Token Desk: a token expires soon'
  return 'Token Desk: all tokens are fine'
}

export interface TrayActions {
  open: () => void
  reauthorize: (tokenId: string) => void
  checkNow: () => void
  quit: () => void
}

/** Menu item shapes Electron's Menu.buildFromTemplate accepts. */
export type TrayMenuItem =
  | { label: string; enabled?: boolean; click?: () => void }
  | { type: 'separator' }

export function trayMenu(state: AppState, now: number, actions: TrayActions): TrayMenuItem[] {
  const tokens: TrayMenuItem[] =
    state.tokens.length === 0
      ? [{ label: 'No tokens yet', enabled: false }]
      : state.tokens.map((token) => {
          const broken = token.status === 'dead' || token.status === 'needs-relogin'
          return broken
            ? { label: tokenLine(token, now), click: () => actions.reauthorize(token.id) }
            : { label: tokenLine(token, now), click: () => actions.open() }
        })
  return [
    ...tokens,
    { type: 'separator' },
    { label: 'Check now', enabled: state.tokens.length > 0, click: () => actions.checkNow() },
    { label: 'Open Token Desk', click: () => actions.open() },
    { type: 'separator' },
    { label: 'Quit', click: () => actions.quit() },
  ]
}
