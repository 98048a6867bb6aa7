import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { afterEach, describe, expect, it } from 'vitest'
import { openSettings, sharedSettingsOptions, type SettingsBacking } from '../../../main/core/settings'
import type { SettingsData } from '../../../main/core/settings/schema'

let dir: string | null = null
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
  dir = null
})

/** Stands in for electron-store, which is conf with `name` and Electron's folder. */
function recordingEngine() {
  const opened: { cwd: string; name: string }[] = []
  const engine = (where: { cwd: string; name: string }): SettingsBacking => {
    opened.push(where)
    return new Conf<SettingsData>({ ...sharedSettingsOptions(), cwd: where.cwd, configName: where.name })
  }
  return { engine, opened }
}

describe('openSettings with another engine', () => {
  it('reads and writes through the engine it is given', async () => {
    dir = await mkdtemp(join(tmpdir(), 'token-desk-engine-'))
    const { engine, opened } = recordingEngine()
    const first = openSettings({ dir, engine })
    first.store.update({ checkIntervalHours: 12 })
    expect(opened).toEqual([{ cwd: dir, name: 'settings' }])
    expect(openSettings({ dir }).store.get().checkIntervalHours).toBe(12)
  })

  it('sets a corrupt file aside and starts on defaults, as with conf', async () => {
    dir = await mkdtemp(join(tmpdir(), 'token-desk-engine-'))
    await writeFile(join(dir, 'settings.json'), '{"version":1,"settings":')
    const { engine, opened } = recordingEngine()
    const result = openSettings({ dir, engine })
    expect(result.notices).toHaveLength(1)
    expect(result.store.get().checkIntervalHours).toBe(6)
    expect(opened).toHaveLength(2)
    expect((await readdir(dir)).some((f) => f.startsWith('settings.corrupt-'))).toBe(true)
  })
})

describe('leftovers of interrupted writes', () => {
  it('removes old conf temp files and keeps fresh ones', async () => {
    dir = await mkdtemp(join(tmpdir(), 'token-desk-sweep-'))
    const old = join(dir, 'settings.json.tmp-1234567890abcdef')
    const fresh = join(dir, 'settings.json.tmp-9999999999fedcba')
    await writeFile(old, '{"half":')
    await writeFile(fresh, '{"in progress":')
    const longAgo = new Date(Date.now() - 5 * 60_000)
    await utimes(old, longAgo, longAgo)
    const opened = openSettings({ dir })
    expect(opened.notices).toEqual([])
    const names = await readdir(dir)
    expect(names).not.toContain('settings.json.tmp-1234567890abcdef')
    expect(names).toContain('settings.json.tmp-9999999999fedcba')
  })
})
