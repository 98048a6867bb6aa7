import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createCliClipboard, findClipboardTool } from '../../../main/cli/clipboard'
import { silentLogger } from '../../../main/core/log'

// A stand-in xclip: "-o" prints the clipboard file, anything else stores standard input in it.
const FAKE_XCLIP = `#!/bin/sh
store="$(dirname "$0")/clipboard.txt"
for a in "$@"; do if [ "$a" = "-o" ]; then cat "$store" 2>/dev/null; exit 0; fi; done
cat > "$store"
`

async function fakeDesktop(): Promise<{ dir: string; read(): Promise<string>; write(text: string): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'token-desk-clip-'))
  await writeFile(join(dir, 'xclip'), FAKE_XCLIP)
  await chmod(join(dir, 'xclip'), 0o755)
  const file = join(dir, 'clipboard.txt')
  return { dir, read: () => readFile(file, 'utf8').catch(() => ''), write: (text) => writeFile(file, text) }
}

const until = async (check: () => Promise<boolean>): Promise<void> => {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20))
}

describe('the serve clipboard', () => {
  it('copies with the platform program and clears it again when it still holds the secret', async () => {
    const desk = await fakeDesktop()
    const clipboard = createCliClipboard({ platform: 'linux', env: { PATH: `${desk.dir}:/usr/bin:/bin`, DISPLAY: ':0' }, log: silentLogger })
    clipboard.copy('secret-token-1234', 300)
    await until(async () => (await desk.read()) === 'secret-token-1234')
    expect(await desk.read()).toBe('secret-token-1234')
    await until(async () => (await desk.read()) === '')
    expect(await desk.read()).toBe('')
  })

  it('leaves what the user copied since', async () => {
    const desk = await fakeDesktop()
    const clipboard = createCliClipboard({ platform: 'linux', env: { PATH: `${desk.dir}:/usr/bin:/bin`, DISPLAY: ':0' }, log: silentLogger })
    clipboard.copy('secret-token-5678', 60_000)
    await until(async () => (await desk.read()) === 'secret-token-5678')
    await desk.write('the user copied this')
    await clipboard.flush()
    expect(await desk.read()).toBe('the user copied this')
  })

  it('says plainly that there is no clipboard without a desktop session', () => {
    expect(findClipboardTool('linux', { PATH: '/usr/bin:/bin' })).toBeNull()
    const clipboard = createCliClipboard({ platform: 'linux', env: { PATH: '/nonexistent' }, log: silentLogger })
    expect(() => clipboard.copy('secret', 1000)).toThrow(/no clipboard program here.*token-desk token NAME/)
  })
})
