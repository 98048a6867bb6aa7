import { describe, expect, it } from 'vitest'
import { createTray, currentTray } from '../../../main/shell/tray'
import { daysLeft, trayMenu, trayTooltip, worstLevel, type TrayMenuItem } from '../../../main/shell/tray-state'
import { readyFakeElectron } from '../../fakes/electron'
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

  it('counts whole days left as the window and the reminders do: rounded up', () => {
    expect(daysLeft(token({ expiresAt: new Date(NOW + 3.9 * DAY).toISOString() }), NOW)).toBe(4)
    expect(daysLeft(token({ expiresAt: new Date(NOW + 3 * DAY).toISOString() }), NOW)).toBe(3)
    expect(daysLeft(token({ expiresAt: new Date(NOW - DAY).toISOString() }), NOW)).toBe(0)
    expect(daysLeft(token({ neverExpires: true, expiresAt: null }), NOW)).toBeNull()
    expect(daysLeft(token({ expiresAt: 'garbage' }), NOW)).toBeNull()
  })

  it('shows the summary, the families that need attention nearest first, then Open, Check now and Quit', () => {
    const clicked: string[] = []
    const actions = {
      open: () => clicked.push('open'),
      reauthorize: (id: string) => clicked.push(`reauthorize:${id}`),
      checkNow: () => clicked.push('check'),
      quit: () => clicked.push('quit'),
    }
    const state = appState([
      token({ id: 'a', name: 'Ads', expiresAt: new Date(NOW + 12 * DAY).toISOString() }),
      token({ id: 'b', name: 'Page', kind: 'PAGE', neverExpires: true, expiresAt: null, parentId: 'a' }),
      token({ id: 'c', name: 'Old', status: 'dead', problem: { reason: 'expired', code: 190, subcode: 463, message: 'Expired.', fix: 'reauthorize' } }),
      token({ id: 'd', name: 'Soon', status: 'expiring', expiresAt: new Date(NOW + 1.5 * DAY).toISOString(), dataAccessExpiresAt: null }),
    ])
    const menu = trayMenu(state, NOW, actions)
    const labels = menu.map((item) => ('label' in item ? item.label : '---'))
    expect(labels).toEqual([
      '4 tokens: 2 work, 1 needs attention soon, 1 stopped.',
      '---',
      'Old: stopped working',
      'Soon: stops working in 2 days',
      '---',
      'Open Token Desk',
      'Check now',
      '---',
      'Quit',
    ])
    expect(menu[0]).toMatchObject({ enabled: false })
    const click = (label: string) => (menu.find((i) => 'label' in i && i.label === label) as { click: () => void }).click()
    click('Old: stopped working')
    click('Soon: stops working in 2 days')
    click('Open Token Desk')
    click('Check now')
    click('Quit')
    expect(clicked).toEqual(['reauthorize:c', 'reauthorize:d', 'open', 'check', 'quit'])
  })

  it('stays short at scale: one line for a family of 58 that stopped, at most a few families, and the rest behind one item', () => {
    const dead = { status: 'dead' as const, problem: { reason: 'password-changed' as const, code: 190, subcode: 460, message: 'Password changed.', fix: 'reauthenticate' as const } }
    const family = [
      token({ id: 'u', name: 'Pat (user token)', ...dead }),
      ...Array.from({ length: 57 }, (_, i) => token({ id: `p${i}`, name: `Page ${i}`, kind: 'PAGE', parentId: 'u', neverExpires: true, expiresAt: null, ...dead })),
    ]
    const expiring = Array.from({ length: 6 }, (_, i) =>
      token({ id: `e${i}`, name: `Script ${i}`, status: 'expiring', expiresAt: new Date(NOW + (6 - i) * DAY + 1000).toISOString(), dataAccessExpiresAt: null }),
    )
    const clicked: string[] = []
    const menu = trayMenu(appState([...family, ...expiring]), NOW, { open: () => clicked.push('open'), reauthorize: (id) => clicked.push(id), checkNow() {}, quit() {} })
    const labels = menu.map((item) => ('label' in item ? item.label : '---'))
    expect(labels).toEqual([
      '64 tokens: 0 work, 6 need attention soon, 58 stopped.',
      '---',
      'Pat (user token): 58 tokens stopped',
      'Script 5: stops working in 2 days',
      'Script 4: stops working in 3 days',
      'Script 3: stops working in 4 days',
      '3 more need attention…',
      '---',
      'Open Token Desk',
      'Check now',
      '---',
      'Quit',
    ])
    ;(menu[2] as { click: () => void }).click()
    ;(menu[6] as { click: () => void }).click()
    expect(clicked).toEqual(['u', 'open'])
    expect(trayTooltip(appState([...family, ...expiring]))).toMatch(/^Token Desk: 64 tokens: 0 work, 6 need attention soon, 58 stopped\./)
    expect(trayTooltip(appState([...family, ...expiring])).length).toBeLessThanOrEqual(127)
  })

  it('says so when there are no tokens, and disables Check now', () => {
    const menu = trayMenu(appState([]), NOW, { open() {}, reauthorize() {}, checkNow() {}, quit() {} })
    expect(menu[0]).toEqual({ label: 'No tokens yet', enabled: false })
    expect(trayTooltip(appState([]))).toBe('Token Desk: no tokens yet')
    expect(menu.find((i) => 'label' in i && i.label === 'Check now')).toMatchObject({ enabled: false })
  })
})

describe('the tray controller', () => {
  function setup(platform: NodeJS.Platform = 'linux') {
    const electron = readyFakeElectron({ platform })
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

  it('rebuilds the menu on each state and opens the window on click (macOS, Windows)', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const { tray, instance, opened, electron } = setup(platform)
      tray.update(appState([token({ name: 'Mine', status: 'expiring' })]))
      expect(JSON.stringify(instance.menu?.items)).toContain('Mine: stops working in 40 days')
      expect(instance.tooltip).toMatch(/^Token Desk: 1 token: 0 work, 1 needs attention soon, none stopped\./)
      electron.standIn.clickTray()
      expect(opened, platform).toEqual(['open'])
      tray.destroy()
    }
  })

  it('on Linux a click may never come (it opens the menu), so Open is in the menu', () => {
    const { tray, opened, electron } = setup('linux')
    tray.update(appState([token()]))
    electron.standIn.clickTray()
    expect(opened).toEqual([])
    electron.standIn.clickTrayItem('Open Token Desk')
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
