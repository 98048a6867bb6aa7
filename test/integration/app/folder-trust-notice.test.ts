import { chmod, mkdir, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from './harness'

// Issue 20, item 11: a 0777 vault folder gave only a hidden warn log in the app.
let h: Harness | null = null
afterEach(async () => {
  await h?.close()
  h = null
})

describe('folder trust in the app', () => {
  it('a vault folder writable by everyone is a notice that names it, its mode and what to do', async () => {
    const home = await mkdtemp(join(tmpdir(), 'token-desk-app-'))
    await mkdir(join(home, 'vault'), { mode: 0o700 })
    await chmod(join(home, 'vault'), 0o777)
    h = await startHarness({ home })
    const notice = h.core.state().notices.find((n) => n.message.includes('does not trust its folder'))
    expect(notice?.level).toBe('error')
    expect(notice?.message).toContain(`${join(home, 'vault')} can be written by other users (mode 0777)`)
    expect(notice?.message).toContain('chmod 700')
  })

  it('a home of the user’s own folders gives no such notice', async () => {
    h = await startHarness()
    expect(h.core.state().notices.some((n) => n.message.includes('does not trust its folder'))).toBe(false)
  })
})
