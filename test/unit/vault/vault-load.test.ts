import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLogger, memorySink } from '../../../main/core/log'
import { openVault } from '../../../main/core/vault'
import { filesContaining, removeDir, snapshot, tempDir, testCipher } from './helpers'

interface Meta {
  name: string
}

const SECRET = 'EAAGloadPathSecretValue0123456789abc'
const clock = { now: () => Date.UTC(2025, 0, 2, 3, 4, 5, 6) }
const SET_ASIDE = 'tok.unreadable-2025-01-02T03-04-05-006Z.json'
let dir: string

beforeEach(async () => {
  dir = await tempDir()
})
afterEach(() => removeDir(dir))

async function seed(cipher = testCipher()) {
  const vault = await openVault<Meta>({ dir, cipher, allowWeak: () => false })
  await vault.put({ id: 'tok', meta: { name: 'bad one' }, secret: SECRET })
  await vault.put({ id: 'good', meta: { name: 'good one' }, secret: `${SECRET}-good` })
  return { cipher, original: await readFile(join(dir, 'tok.json')) }
}

describe('loading entries that cannot be used', () => {
  it('sets aside an entry that fails to decrypt, keeps its bytes, and marks it for a new sign-in across restarts', async () => {
    const { cipher, original } = await seed()
    // Same backend name, another key: the GCM tag fails.
    const other = testCipher(cipher.backend)
    const sink = memorySink()
    const vault = await openVault<Meta>({ dir, cipher: other, allowWeak: () => false, clock, log: createLogger(sink) })

    const tok = vault.get('tok')
    expect(tok?.problem).toMatchObject({ reason: 'unreadable', setAside: SET_ASIDE })
    expect(tok?.meta).toEqual({ name: 'bad one' })
    expect(await vault.getSecret('tok')).toBeNull()
    expect(await readFile(join(dir, SET_ASIDE))).toEqual(original)
    const stub = JSON.parse(await readFile(join(dir, 'tok.json'), 'utf8')) as { secret: unknown }
    expect(stub.secret).toBeNull()
    expect(sink.records.some((r) => r.level === 'warn' && r.fields?.setAside === SET_ASIDE)).toBe(true)

    const later = await openVault<Meta>({ dir, cipher: other, allowWeak: () => false, clock })
    expect(later.get('tok')?.problem).toMatchObject({ reason: 'unreadable', setAside: SET_ASIDE })
    expect((await readdir(dir)).filter((n) => n.includes('unreadable')).length).toBe(2) // tok and good, once each

    // A new sign-in replaces it; the set-aside blob stays.
    await later.put({ id: 'tok', meta: { name: 'bad one' }, secret: 'EAAGfreshSecret0123456789' })
    expect(later.get('tok')?.problem).toBeNull()
    expect(await later.getSecret('tok')).toBe('EAAGfreshSecret0123456789')
    await later.remove('tok')
    expect(await readFile(join(dir, SET_ASIDE))).toEqual(original)
  })

  it('detects a backend change instead of mis-decrypting, and never deletes the blob', async () => {
    const { original } = await seed(testCipher('safeStorage:gnome_libsecret'))
    const vault = await openVault<Meta>({ dir, cipher: testCipher('safeStorage:basic_text', 'weak'), allowWeak: () => true, clock })
    expect(vault.get('tok')?.problem).toMatchObject({ reason: 'backend-changed', setAside: SET_ASIDE })
    expect(vault.get('tok')?.problem?.message).toContain('gnome_libsecret')
    expect(await readFile(join(dir, SET_ASIDE))).toEqual(original)
    expect(vault.list().every((e) => e.problem?.reason === 'backend-changed')).toBe(true)
  })

  it('restores a set-aside entry when its backend is back on a later run', async () => {
    const libsecret = testCipher('safeStorage:gnome_libsecret')
    const { original } = await seed(libsecret)
    await openVault<Meta>({ dir, cipher: testCipher('safeStorage:basic_text', 'weak'), allowWeak: () => false, clock })
    expect(await readFile(join(dir, SET_ASIDE))).toEqual(original)

    const back = await openVault<Meta>({ dir, cipher: libsecret, allowWeak: () => false, clock })
    expect(back.list().map((e) => [e.id, e.problem])).toEqual([
      ['good', null],
      ['tok', null],
    ])
    expect(await back.getSecret('tok')).toBe(SECRET)
    expect((await readdir(dir)).sort()).toEqual(['good.json', 'tok.json'])
  })

  it.each([
    ['truncated JSON', (bytes: Buffer) => bytes.subarray(0, 25)],
    ['an empty file', () => Buffer.alloc(0)],
    ['JSON that is not an entry', () => Buffer.from('{"v":1,"id":"tok","secret":42}')],
    ['an entry claiming another id', (bytes: Buffer) => Buffer.from(bytes.toString().replace('"tok"', '"other"'))],
  ])('sets aside %s with its bytes intact and reports it, without throwing', async (_kind, damage) => {
    const { cipher, original } = await seed()
    const bad = damage(original)
    await writeFile(join(dir, 'tok.json'), bad)
    const vault = await openVault<Meta>({ dir, cipher, allowWeak: () => false, clock })
    expect(vault.get('tok')).toBeNull()
    expect(vault.problems()).toEqual([expect.objectContaining({ id: 'tok', file: 'tok.json', reason: 'corrupt', setAside: SET_ASIDE })])
    expect(await readFile(join(dir, SET_ASIDE))).toEqual(bad)
    expect(await vault.getSecret('good')).toBe(`${SECRET}-good`)
    expect(await filesContaining(dir, SECRET)).toEqual([])
  })

  it('sets aside an entry whose metadata the owner rejects', async () => {
    const { cipher } = await seed()
    const parseMeta = (raw: unknown) => {
      if ((raw as Meta).name === 'bad one') throw new Error('bad')
      return raw as Meta
    }
    const vault = await openVault<Meta>({ dir, cipher, allowWeak: () => false, clock, parseMeta })
    expect(vault.problems().map((p) => p.setAside)).toEqual([SET_ASIDE])
    expect(vault.list().map((e) => e.id)).toEqual(['good'])
  })

  it('leaves an entry from a newer format alone', async () => {
    const { cipher } = await seed()
    const newer = '{"v":3,"id":"tok","whatever":true}'
    await writeFile(join(dir, 'tok.json'), newer)
    const vault = await openVault<Meta>({ dir, cipher, allowWeak: () => false, clock })
    expect(vault.problems()).toEqual([expect.objectContaining({ reason: 'newer-format', setAside: null })])
    expect(await readFile(join(dir, 'tok.json'), 'utf8')).toBe(newer)
  })

  it('re-encrypts once when the cipher asks, then stops', async () => {
    const { cipher } = await seed()
    const before = await snapshot(dir)
    cipher.reEncrypt = true
    cipher.encryptCalls = 0
    const vault = await openVault<Meta>({ dir, cipher, allowWeak: () => false })
    expect(cipher.encryptCalls).toBe(2)
    const after = await snapshot(dir)
    expect(after.get('tok.json')?.equals(before.get('tok.json')!)).toBe(false)
    expect(await vault.getSecret('tok')).toBe(SECRET)
    expect(vault.list().every((e) => e.problem === null)).toBe(true)

    cipher.reEncrypt = false
    await openVault<Meta>({ dir, cipher, allowWeak: () => false })
    expect(cipher.encryptCalls).toBe(2)
    expect(await snapshot(dir)).toEqual(after)
  })
})
