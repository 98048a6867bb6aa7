import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_APP_CONFIG, DEFAULT_SETTINGS, SettingsWriteError, openSettings } from '../../../main/core/settings'
import { makeReadOnly, undoReadOnly } from '../vault/helpers'

const clock = { now: () => Date.UTC(2025, 5, 1, 8, 9, 10, 11) }
const CORRUPT = 'settings.corrupt-2025-06-01T08-09-10-011Z.json'
let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'token-desk-settings-'))
})
afterEach(async () => {
  await undoReadOnly(dir)
  await rm(dir, { recursive: true, force: true })
})

describe('settings store', () => {
  it('starts on the defaults in a 0600 file, with no notice', async () => {
    const { store, notices, persisting, path } = openSettings({ dir })
    expect(notices).toEqual([])
    expect(persisting).toBe(true)
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    expect(store.getApp()).toEqual(DEFAULT_APP_CONFIG)
    expect((await stat(path)).mode & 0o777).toBe(0o600)
  })

  it('keeps settings, app configuration and shown reminders across a reopen', () => {
    const first = openSettings({ dir }).store
    first.update({ reminderDays: [3, 30, 3], checkIntervalHours: 12, startAtLogin: undefined })
    first.setApp({ mode: 'production', appId: '1234567890', pkceHonoured: false })
    first.markReminderShown('tok.1:expires:2025-07-01:7')
    first.markReminderShown('tok.1:expires:2025-07-01:7')
    first.markReminderShown('tok.2:data-access:2025-09-01:14')

    const again = openSettings({ dir }).store
    expect(again.get()).toEqual({ ...DEFAULT_SETTINGS, reminderDays: [30, 3], checkIntervalHours: 12 })
    expect(again.getApp()).toEqual({ ...DEFAULT_APP_CONFIG, mode: 'production', appId: '1234567890', pkceHonoured: false })
    expect(again.hasShownReminder('tok.1:expires:2025-07-01:7')).toBe(true)
    expect(again.hasShownReminder('tok.1:expires:2025-07-01:3')).toBe(false)

    again.forgetReminders((key) => key.startsWith('tok.1:'))
    expect(openSettings({ dir }).store.hasShownReminder('tok.1:expires:2025-07-01:7')).toBe(false)
    expect(openSettings({ dir }).store.hasShownReminder('tok.2:data-access:2025-09-01:14')).toBe(true)

    again.clear()
    const cleared = openSettings({ dir }).store
    expect(cleared.get()).toEqual(DEFAULT_SETTINGS)
    expect(cleared.hasShownReminder('tok.2:data-access:2025-09-01:14')).toBe(false)
  })

  it('gives every name its own file', () => {
    openSettings({ dir, name: 'a' }).store.update({ checkIntervalHours: 2 })
    const b = openSettings({ dir, name: 'b' }).store
    b.clear()
    expect(openSettings({ dir, name: 'a' }).store.get().checkIntervalHours).toBe(2)
  })

  it('refuses a value outside the schema and keeps the old one', () => {
    const { store, path } = openSettings({ dir })
    expect(() => store.update({ checkIntervalHours: 0 })).toThrow(SettingsWriteError)
    expect(store.get().checkIntervalHours).toBe(6)
    return expect(readFile(path, 'utf8')).resolves.toContain('"checkIntervalHours": 6')
  })
})

describe('a corrupt settings file', () => {
  it.each([
    ['truncated JSON', '{"version":1,"settings":{"reminderDays":[14,7'],
    ['an empty file', ''],
    ['wrong types', '{"version":1,"settings":{"checkIntervalHours":"six"}}'],
    ['values out of range', '{"version":1,"settings":{"reminderDays":[0]}}'],
    ['an unknown mode', '{"version":1,"app":{"mode":"chaos"}}'],
    ['a JSON array', '[1,2,3]'],
    ['a newer version', '{"version":99,"settings":{}}'],
  ])('%s is set aside with its bytes intact; defaults and exactly one notice', async (_kind, bytes) => {
    await writeFile(join(dir, 'settings.json'), bytes)
    const { store, notices, persisting } = openSettings({ dir, clock })
    expect(notices).toHaveLength(1)
    expect(notices[0]).toContain(CORRUPT)
    expect(persisting).toBe(true)
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    expect(await readFile(join(dir, CORRUPT), 'utf8')).toBe(bytes)
    expect((await readdir(dir)).sort()).toEqual([CORRUPT, 'settings.json'])

    store.update({ checkIntervalHours: 9 })
    const again = openSettings({ dir, clock })
    expect(again.notices).toEqual([])
    expect(again.store.get().checkIntervalHours).toBe(9)
  })
})

describe('a folder that refuses writes', () => {
  it('keeps the file byte-identical and memory unchanged when a write fails', async (ctx) => {
    const { store, path } = openSettings({ dir })
    store.update({ checkIntervalHours: 5 })
    const before = await readFile(path)
    if (!(await makeReadOnly(dir))) ctx.skip('no way to make a folder read-only here')
    expect(() => store.update({ checkIntervalHours: 7 })).toThrow(SettingsWriteError)
    expect(() => store.markReminderShown('k')).toThrow(SettingsWriteError)
    expect(store.get().checkIntervalHours).toBe(5)
    expect(store.hasShownReminder('k')).toBe(false)
    expect(await readFile(path)).toEqual(before)
  })

  it('starts on in-memory defaults with one notice when nothing can be written', async (ctx) => {
    if (!(await makeReadOnly(dir))) ctx.skip('no way to make a folder read-only here')
    const { store, notices, persisting } = openSettings({ dir })
    expect(persisting).toBe(false)
    expect(notices).toHaveLength(1)
    expect(store.update({ startAtLogin: true }).startAtLogin).toBe(true)
    expect(await readdir(dir)).toEqual([])
  })
})
