import { chmod, chown, lstat, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../main/core/sandbox'
import { keySlotsPath } from '../../main/core/vault'
import { PASSPHRASE, runMain, sandboxEnv, startTestSandbox, tempHome } from '../integration/cli/support'

// Issue 20: the vault's own files, damaged or tampered with, beside the sandbox faults of
// fault-matrix.test.ts. Every row: a clear refusal (never exit 3 "unexpected"), the words that
// name the cause, no token printed, no stack trace, and the home byte for byte as it was.
let sb: Sandbox
let page: string
beforeAll(async () => {
  sb = await startTestSandbox()
  page = sb.issueToken({ kind: 'PAGE', pageId: sb.pages[0]!.id, lifetime: 'long' })
})
afterAll(() => sb.close())

const flip = (b64: string): string => {
  const bytes = Buffer.from(b64, 'base64')
  bytes[Math.floor(bytes.length / 2)]! ^= 0x01
  return bytes.toString('base64')
}
async function editSlots(home: string, edit: (file: { check: string; slots: Record<string, unknown>[] }) => void): Promise<void> {
  const file = JSON.parse(await readFile(keySlotsPath(home), 'utf8')) as { check: string; slots: Record<string, unknown>[] }
  edit(file)
  await writeFile(keySlotsPath(home), JSON.stringify(file))
}

/** Every path under `dir` with its bytes, mode and owner; a link as its target, not followed. */
async function snapshotTree(dir: string, out = new Map<string, string>()): Promise<Map<string, string>> {
  for (const name of await readdir(dir)) {
    const path = join(dir, name)
    const info = await lstat(path)
    const tag = `${info.mode.toString(8)} ${info.uid}`
    if (info.isSymbolicLink()) out.set(path, `${tag} -> ${await readlink(path)}`)
    else if (info.isDirectory()) {
      out.set(path, tag)
      await snapshotTree(path, out)
    } else out.set(path, `${tag} ${(await readFile(path)).toString('base64')}`)
  }
  return out
}

const ROOT_ONLY = process.getuid?.() === 0
const rows: [string, (home: string) => Promise<void>, string][] = [
  ['slots.json missing while entries are sealed under its key', (home) => rm(keySlotsPath(home)), 'vault/keys/slots.json is missing'],
  ['a bit flipped in the passphrase slot’s wrapped key', (home) => editSlots(home, (f) => void (f.slots[0]!.wrapped = flip(f.slots[0]!.wrapped as string))), 'slots.json is damaged'],
  ['a bit flipped in the key check', (home) => editSlots(home, (f) => void (f.check = flip(f.check))), 'slots.json is damaged'],
  ['a slot asking for 4 GiB of scrypt memory', (home) => editSlots(home, (f) => void Object.assign(f.slots[0]!, { N: 2 ** 20, r: 32 })), 'asks for a passphrase key costing'],
  ['the vault folder writable by everyone', (home) => chmod(join(home, 'vault'), 0o777), 'can be written by other users (mode 0777)'],
  ['the keys folder group-writable', (home) => chmod(join(home, 'vault', 'keys'), 0o770), 'can be written by other users (mode 0770)'],
  ['the backups folder a link out of the home', async (home) => symlink(await mkdtemp(join(tmpdir(), 'token-desk-outside-')), join(home, 'vault', 'tokens', '.pre-shared-vault')), 'outside'],
  ...(ROOT_ONLY ? [['the keys folder owned by another user (real chown, as root)', (home: string) => chown(join(home, 'vault', 'keys'), 54321, 54321), 'belongs to another user (uid 54321)'] as [string, (home: string) => Promise<void>, string]] : []),
]

describe('fault matrix: the vault’s own files', () => {
  it.each(rows)('%s: token and add refuse in words and change nothing', async (_label, fault, words) => {
    const home = await tempHome({ cheapKey: true })
    const env = sandboxEnv(sb, { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE })
    expect((await runMain(['add', '--name', 'Bakery Page'], { env, stdin: page })).code).toBe(0)
    await fault(home)
    const before = await snapshotTree(home)
    for (const [args, stdin] of [[['token', 'Bakery Page'], undefined], [['add', '--name', 'Another'], page]] as const) {
      const result = await runMain([...args], { env, ...(stdin ? { stdin } : {}) })
      expect([1, 2], `${args.join(' ')}: ${result.stderr}`).toContain(result.code)
      expect(result.stderr).toContain(words)
      expect(result.stdout + result.stderr).not.toContain(page)
      expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/)
    }
    expect(await snapshotTree(home)).toEqual(before)
  })
})
