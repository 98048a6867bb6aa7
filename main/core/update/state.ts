/**
 * The update state machine, free of Electron and of electron-updater: the shell feeds it the
 * updater's events, and reads back the menu item and the notifications it asks for.
 */

/** How this copy can be updated; see install-mode.ts for how it is decided. */
export type InstallMode =
  | { kind: 'silent' }
  /** An update can be found, not installed by the app itself: say so, and what to do instead. */
  | { kind: 'manual'; how: string }
  | { kind: 'off'; why: string }

export type UpdateState =
  | { step: 'off'; why: string }
  | { step: 'idle'; checkedAt: number | null; upToDate: boolean }
  | { step: 'checking'; userAsked: boolean }
  | { step: 'downloading'; version: string | null; percent: number | null }
  | { step: 'ready'; version: string }
  | { step: 'available'; version: string; how: string }
  | { step: 'failed'; message: string }

export type UpdaterEvent =
  | { type: 'checking' }
  | { type: 'available'; version: string }
  | { type: 'not-available'; at: number }
  | { type: 'progress'; percent: number }
  | { type: 'downloaded'; version: string }
  | { type: 'error'; message: string; cannotInstall: boolean }

export interface UpdateNotice {
  /** Stable per version and kind: a notice is never repeated. */
  key: string
  title: string
  body: string
  /** What a click does: show the download page, or just the app. */
  action: 'download' | 'open'
}

export interface MenuItemSpec {
  label: string
  enabled: boolean
  action: 'check' | 'restart' | 'download' | null
}

export function initialState(mode: InstallMode): UpdateState {
  return mode.kind === 'off' ? { step: 'off', why: mode.why } : { step: 'idle', checkedAt: null, upToDate: false }
}

/** What happens when an event arrives: the next state, and a notice to show, if any. */
export function reduce(state: UpdateState, event: UpdaterEvent, mode: InstallMode): { state: UpdateState; notice: UpdateNotice | null } {
  if (state.step === 'off') return { state, notice: null }
  const userAsked = state.step === 'checking' && state.userAsked
  switch (event.type) {
    case 'checking':
      return { state: { step: 'checking', userAsked }, notice: null }
    case 'not-available':
      return {
        state: { step: 'idle', checkedAt: event.at, upToDate: true },
        notice: userAsked ? { key: `update-none:${event.at}`, title: 'Token Desk is up to date', body: 'You have the newest version.', action: 'open' } : null,
      }
    case 'available':
      if (mode.kind === 'manual') return { state: { step: 'available', version: event.version, how: mode.how }, notice: availableNotice(event.version, mode.how) }
      return { state: { step: 'downloading', version: event.version, percent: null }, notice: null }
    case 'progress':
      return state.step === 'downloading' ? { state: { ...state, percent: Math.max(0, Math.min(100, Math.round(event.percent))) }, notice: null } : { state, notice: null }
    case 'downloaded':
      return {
        state: { step: 'ready', version: event.version },
        notice: {
          key: `update-ready:${event.version}`,
          title: `Token Desk ${event.version} is ready`,
          body: 'It installs when you quit Token Desk. To install it now, choose “Restart to update” in the tray or the app menu.',
          action: 'open',
        },
      }
    case 'error': {
      // An update that was found but cannot be installed here (an unsigned macOS build) is still news.
      const version = state.step === 'downloading' || state.step === 'ready' ? state.version : null
      if (event.cannotInstall && version) {
        const how = MANUAL_HOW.unsigned
        return { state: { step: 'available', version, how }, notice: availableNotice(version, how) }
      }
      return {
        state: { step: 'failed', message: event.message },
        notice: userAsked ? { key: `update-failed:${event.message}`, title: 'Could not check for updates', body: event.message, action: 'open' } : null,
      }
    }
  }
}

function availableNotice(version: string, how: string): UpdateNotice {
  return { key: `update-available:${version}`, title: `Token Desk ${version} is available`, body: how, action: 'download' }
}

/** The one item the tray and the app menu both show, from the state alone. */
export function menuItem(state: UpdateState): MenuItemSpec {
  switch (state.step) {
    case 'off':
      return { label: 'Updates are off in this copy', enabled: false, action: null }
    case 'checking':
      return { label: 'Checking for updates…', enabled: false, action: null }
    case 'downloading':
      return { label: `Downloading update${state.percent === null ? '' : ` (${state.percent}%)`}…`, enabled: false, action: null }
    case 'ready':
      return { label: `Restart to update to ${state.version}`, enabled: true, action: 'restart' }
    case 'available':
      return { label: `Get Token Desk ${state.version}…`, enabled: true, action: 'download' }
    case 'failed':
      return { label: 'Update check failed: try again', enabled: true, action: 'check' }
    case 'idle':
      return { label: 'Check for updates…', enabled: true, action: 'check' }
  }
}

/** What the user does instead, when the app cannot install an update by itself. */
export const MANUAL_HOW = {
  unsigned:
    'This copy of Token Desk is not signed, so macOS will not let it replace itself. Download the new version from the release page and drag it to Applications.',
  deb: 'Installing a .deb needs an administrator password, which Token Desk does not ask for. Download the new .deb from the release page and open it with your software installer, or run: sudo apt install ./token-desk_*.deb',
  rpm: 'Installing an .rpm needs an administrator password, which Token Desk does not ask for. Download it from the release page and install it with your package manager.',
  unpacked: 'This copy was not installed from an AppImage or a package, so it cannot replace itself. Download the new version from the release page.',
} as const
