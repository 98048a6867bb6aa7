import type { AppState } from '../../preload/api'
import { summarize } from '../core/families'
import type { Notification } from '../core/ports'

/**
 * Where the tray may not show. Stock GNOME has shown no status icons since 3.26, and Electron
 * has no way to ask whether one is visible (electron/electron#5872), so on Linux the app never
 * counts on the tray: reminders go out as notifications and on the window's badge and title.
 */
export function trayMayBeHidden(platform: NodeJS.Platform): boolean {
  return platform === 'linux'
}

/** Said once per run when the window is closed where there may be no tray. */
export function closeHint(platform: NodeJS.Platform): Notification {
  const quit = platform === 'darwin' ? 'Token Desk > Quit Token Desk (⌘Q)' : 'File > Quit in the window (Ctrl+Q)'
  return {
    key: 'close-hint',
    title: 'Token Desk is still running',
    body: `It keeps watching your tokens and will notify you. Open it again from your applications menu (or the tray icon, if your desktop shows one). To stop it, choose ${quit}.`,
    tokenId: null,
    action: 'open',
  }
}

export interface Attention {
  /** Tokens that stopped working or expire soon. */
  count: number
  title: string
}

/** What the window's title and the app's badge say: the tray's news, where the tray may not show. */
export function attentionOf(state: AppState): Attention {
  const { stopped: dead, soon: expiring } = summarize(state.tokens)
  const parts = [dead > 0 ? `${dead} stopped working` : '', expiring > 0 ? `${expiring} expiring soon` : ''].filter(Boolean)
  return { count: dead + expiring, title: parts.length > 0 ? `Token Desk (${parts.join(', ')})` : 'Token Desk' }
}

export interface BadgeApp {
  /** macOS dock and Linux launchers that support it (Unity's launcher API); false where unsupported. */
  setBadgeCount?(count: number): boolean
}

export interface TitledWindow {
  setTitle(title: string): void
  isDestroyed(): boolean
}

/** Shows the attention on the badge and the window title; remembers it for a window opened later. */
export function createAttentionView(app: BadgeApp): { update(state: AppState, win: TitledWindow | null): void; title(): string } {
  let last: Attention = { count: 0, title: 'Token Desk' }
  return {
    update: (state, win) => {
      const next = attentionOf(state)
      if (next.count !== last.count) app.setBadgeCount?.(next.count)
      last = next
      if (win && !win.isDestroyed()) win.setTitle(next.title)
    },
    title: () => last.title,
  }
}
