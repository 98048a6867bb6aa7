import { join } from 'node:path'
import type { AppState } from '../../preload/api'
import type { Clock } from '../core/ports'
import { startingMenu, trayMenu, trayTooltip, worstLevel, type TrayActions, type TrayLevel, type TrayMenuItem } from './tray-state'

export interface TrayLike<Image = unknown> {
  setImage(image: Image): void
  setToolTip(text: string): void
  setContextMenu(menu: unknown): void
  on(event: string, listener: () => void): unknown
  destroy(): void
}

export interface TrayDeps<Image> {
  Tray: new (image: Image) => TrayLike<Image>
  buildMenu(template: TrayMenuItem[]): unknown
  imageFromPath(path: string): Image
  /** Folder holding tray-ok.png, tray-expiring.png, tray-dead.png (and their @2x files). */
  iconDir: string
  clock: Clock
  actions: TrayActions
  /** Items other parts add (the updater's), placed before the final separator and Quit. */
  extraItems?: () => TrayMenuItem[]
}

export interface TrayController {
  /** Shown until the first `update`: the app is running and what it is waiting for. */
  starting(waitingFor: string): void
  update(state: AppState): void
  destroy(): void
}

// Module scope on purpose: a Tray only referenced from a closure can be garbage collected and
// vanish from the system tray (Electron FAQ).
let trayRef: { destroy(): void } | null = null

export function createTray<Image>(deps: TrayDeps<Image>): TrayController {
  const icon = (level: TrayLevel): Image => deps.imageFromPath(join(deps.iconDir, `tray-${level}.png`))
  trayRef?.destroy()
  const tray = new deps.Tray(icon('ok'))
  trayRef = tray
  let shown: TrayLevel = 'ok'
  tray.setToolTip('Token Desk')
  tray.on('click', () => deps.actions.open())
  return {
    starting: (waitingFor) => {
      tray.setToolTip(`Token Desk: ${waitingFor}`)
      tray.setContextMenu(deps.buildMenu(startingMenu(waitingFor, deps.actions)))
    },
    update: (state) => {
      const level = worstLevel(state.tokens)
      if (level !== shown) {
        tray.setImage(icon(level))
        shown = level
      }
      tray.setToolTip(trayTooltip(state))
      tray.setContextMenu(deps.buildMenu(withExtras(trayMenu(state, deps.clock.now(), deps.actions), deps.extraItems?.() ?? [])))
    },
    destroy: () => {
      tray.destroy()
      if (trayRef === tray) trayRef = null
    },
  }
}

/** For tests and diagnostics: the tray currently alive, if any. */
export function currentTray(): { destroy(): void } | null {
  return trayRef
}

/** `extra` goes just above the last separator (the one before Quit), or at the end without one. */
function withExtras(menu: TrayMenuItem[], extra: TrayMenuItem[]): TrayMenuItem[] {
  if (extra.length === 0) return menu
  const last = menu.map((item) => 'type' in item && item.type === 'separator').lastIndexOf(true)
  return last < 0 ? [...menu, ...extra] : [...menu.slice(0, last), ...extra, ...menu.slice(last)]
}
