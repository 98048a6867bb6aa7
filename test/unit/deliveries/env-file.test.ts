/**
 * The temp files a killed `.env` write leaves beside the file (they hold a token, mode 0600):
 * the next write removes those old enough to be nobody's write in progress, and only those.
 */
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { STALE_ENV_TEMP_MS, writeEnvFile } from '../../../main/core/deliveries/env-file'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'token-desk-env-file-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const TOKEN = `EAAB${'t'.repeat(60)}`
const leftBy = (name: string): string => `.tmp-${name}.0123456789ab`

async function leaveTemp(name: string, ageMs: number): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, 'FB_ACCESS_TOKEN=EAAold\n', { mode: 0o600 })
  const when = new Date(Date.now() - ageMs)
  await utimes(path, when, when)
  return name
}

describe('writeEnvFile and the temp files of killed writes', () => {
  it(`removes this file's temp files older than ${STALE_ENV_TEMP_MS / 1000} s, and keeps a younger one (a write that may still be running)`, async () => {
    const path = join(dir, '.env')
    await writeFile(path, 'A=1\n')
    const old = await leaveTemp(leftBy('.env'), STALE_ENV_TEMP_MS + 5_000)
    const young = await leaveTemp('.tmp-.env.fedcba987654', 1_000)
    await writeEnvFile(path, 'FB_ACCESS_TOKEN', TOKEN)
    const names = await readdir(dir)
    expect(names).not.toContain(old)
    expect(names).toContain(young)
    expect(names.sort()).toEqual(['.env', young].sort())
  })

  it('leaves alone what is not one of its temp files: another file’s, another name, a folder', async () => {
    const path = join(dir, '.env')
    await writeFile(path, 'A=1\n')
    const hour = 3_600_000
    const others = [
      await leaveTemp(leftBy('.env.local'), hour),
      await leaveTemp('.tmp-.env.not-hex-suffix', hour),
      await leaveTemp('.tmp-.env.0123456789abc', hour),
      await leaveTemp('notes.txt', hour),
    ]
    const folder = '.tmp-.env.aaaaaaaaaaaa'
    await mkdir(join(dir, folder))
    await utimes(join(dir, folder), new Date(Date.now() - hour), new Date(Date.now() - hour))
    others.push(folder)
    await writeEnvFile(path, 'FB_ACCESS_TOKEN', TOKEN)
    expect((await readdir(dir)).sort()).toEqual(['.env', ...others].sort())
  })
})
