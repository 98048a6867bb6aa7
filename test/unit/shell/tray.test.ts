import { describe, expect, it } from 'vitest'
import { createTray, currentTray } from '../../../main/shell/tray'
import { daysLeft, trayMenu, worstLevel, type TrayMenuItem } from '../../../main/shell/tray-state'
import { createFakeElectron } from '../../fakes/electron'
import { NOW, appState, token } from './fixtures'

const DAY = 86_400_000

describe('tray state (R33)', () => {
  it('shows the worst token', () => {
    expect(worstLevel([])).toBe('ok')
    expect(worstLevel([token(), token({ status: 'unknown' })])).toBe('ok')
    expect(worstLevel([token(), token({ status: 'expiring' })])).toBe('expiring')
    expect(worstLevel([token({ status: 'expiring' }), token({ status: 'dead' })])).toBe('dead')
    expect(worstLevel([token({ status: 'needs-relogin' })])).toBe('dead')
  })

  it('counts whole days left', () => {
    expect(daysLeft(token({ expiresAt: new Date(NOW + 3.9 * DAY).toISOString() }), NOW)).toBe(3)
    expect(daysLeft(token({ expiresAt: new Date(NOW - DAY).toISOString() }), NOW)).toBe(0)
    expect(daysLeft(token({ neverExpires: true, expiresAt: null }), NOW)).toBeNull()
    expect(daysLeft(token({ expiresAt: 'garbage' }), NOW)).toBeNull()
  })

  it('lists each token with days left, then Check now, Open and Quit', () => {
    const clicked: string[] = []
    const actions = {
      open: () => clicked.push('open'),
      reauthorize: (id: string) => clicked.push(`reauthorize:${id}`),
      checkNow: () => clicked.push('check'),
      quit: () => clicked.push('quit'),
    }
    const state = appState([
      token({ id: 'a', name: 'Ads', expiresAt: new Date(NOW + 12 * DAY).toISOString() }),
      token({ id: 'b', name: 'Page', neverExpires: true, expiresAt: null }),
      token({ id: 'c', name: 'Old', status: 'dead' }),
      token({ id: 'd', name: 'Soon', status: 'expiring', expiresAt: new Date(NOW + 1.5 * DAY).toISOString() }),
    ])
    const menu = trayMenu(state, NOW, actions)
    const labels = menu.map((item) => ('label' in item ? item.label : '---'))
    expect(labels).toEqual([
      'Ads: 12 days left',
      'Page: does not expire',
      'Old: needs attention',
      'Soon: 1 day left',
      '---',
      'Check now',
      'Open Token Desk',
      '---',
      'Quit',
    ])
    const click = (label: string) => (menu.find((i) => 'label' in i && i.label === label) as { click: () => void }).click()
    click('Old: needs attention')
    click('Ads: 12 days left')
    click('Check now')
    click('Quit')
    expect(clicked).toEqual(['reauthorize:c', 'open', 'check', 'quit'])
  })

  it('says so when there are no tokens, and disables Check now', () => {
    const menu = trayMenu(appState([]), NOW, { open() {}, reauthorize() {}, checkNow() {}, quit() {} })
    expect(menu[0]).toEqual({ label: 'No tokens yet', enabled: false })
    expect(menu.find((i) => 'label' in i && i.label === 'Check now')).toMatchObject({ enabled: false })
  })
})

describe('the tray controller', () => {
  function setup() {
    const electron = createFakeElectron()
    const opened: string[] = []
    const tray = createTray({
      Tray: electron.Tray,
      buildMenu: (template: TrayMenuItem[]) => electron.Menu.buildFromTemplate(template),
      imageFromPath: (path) => electron.nativeImage.createFromPath(path),
      iconDir: '/app/assets',
      clock: { now: () => NOW },
      actions: { open: () => opened.push('open'), reauthorize() {}, checkNow() {}, quit() {} },
    })
    const instance = electron.Tray.instances[0]!
    return { electron, tray, instance, opened }
  }

  it('switches between distinct icons as the worst state changes', () => {
    const { tray, instance } = setup()
    tray.update(appState([token()]))
    tray.update(appState([token({ status: 'expiring' })]))
    tray.update(appState([token({ status: 'expiring' })]))
    tray.update(appState([token({ status: 'dead' })]))
    tray.update(appState([]))
    expect(instance.images).toEqual([
      { path: '/app/assets/tray-ok.png' },
      { path: '/app/assets/tray-expiring.png' },
      { path: '/app/assets/tray-dead.png' },
      { path: '/app/assets/tray-ok.png' },
    ])
    expect(instance.tooltip).toBe('Token Desk: no tokens yet')
  })

  it('rebuilds the menu on each state and opens the window on click', () => {
    const { tray, instance, opened } = setup()
    tray.update(appState([token({ name: 'Mine' })]))
    expect(JSON.stringify(instance.menu)).toContain('Mine: 40 days left')
    instance.emit('click')
    expect(opened).toEqual(['open'])
  })

  it('is kept in a module-level reference until destroyed', () => {
    const { tray, instance } = setup()
    expect(currentTray()).toBe(instance)
    tray.destroy()
    expect(instance.destroyed).toBe(true)
    expect(currentTray()).toBeNull()
  })
})
