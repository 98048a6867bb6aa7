import { randomBytes } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { open as openBlob, seal } from '../../../main/core/vault/aes-gcm'
import { nodeFs, type FsPort } from '../../../main/core/vault/fs-port'
import type { Cipher, ProtectionLevel } from '../../../main/core/ports'

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'token-desk-vault-'))
}

export const removeDir = (dir: string) => rm(dir, { recursive: true, force: true })

/** Every file under dir (recursively) with its bytes. */
export async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>()
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    out.set(path.slice(dir.length + 1), await readFile(path))
  }
  return out
}

/** Files under dir whose bytes contain `needle` as UTF-8 (or its base64). */
export async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const forms = [Buffer.from(needle), Buffer.from(Buffer.from(needle).toString('base64'))]
  const hits: string[] = []
  for (const [name, bytes] of await snapshot(dir)) if (forms.some((f) => bytes.includes(f))) hits.push(name)
  return hits
}

export const modeOf = async (path: string) => (await stat(path)).mode & 0o777

export interface TestCipher extends Cipher {
  level: ProtectionLevel
  reEncrypt: boolean
  encryptCalls: number
}

/** Real AES-256-GCM under a random key, with the protection level and backend a test needs. */
export function testCipher(backend = 'aes-256-gcm:test', level: ProtectionLevel = 'os-keystore', key = randomBytes(32)): TestCipher {
  const cipher: TestCipher = {
    backend,
    level,
    reEncrypt: false,
    encryptCalls: 0,
    protection: () => cipher.level,
    encrypt: (plain) => {
      cipher.encryptCalls++
      return Promise.resolve(seal(key, plain))
    },
    decrypt: async (blob) => {
      await Promise.resolve()
      return { plain: openBlob(key, blob), shouldReEncrypt: cipher.reEncrypt }
    },
  }
  return cipher
}

export function fsError(code: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: injected`)
  error.code = code
  return error
}

/** The real file system, except that writing file contents fails with `code` while `failing()` holds. */
export function failingWrites(code: string, failing: () => boolean = () => true): FsPort {
  return {
    ...nodeFs,
    open: async (path, flags, mode) => {
      const handle = await nodeFs.open(path, flags, mode)
      if (flags === 'r' || !failing()) return handle
      return {
        writeFile: () => Promise.reject(fsError(code)),
        sync: () => handle.sync(),
        close: () => handle.close(),
      }
    },
  }
}

/**
 * Makes a folder really read-only: chmod 0500, or, as root (which ignores modes), the immutable
 * attribute. False when neither is possible here, so the caller can skip with a reason.
 */
export async function makeReadOnly(dir: string): Promise<boolean> {
  const { chmod } = await import('node:fs/promises')
  if (process.getuid?.() !== 0) {
    await chmod(dir, 0o500)
    return true
  }
  const { execFileSync } = await import('node:child_process')
  try {
    execFileSync('chattr', ['+i', dir], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

export async function undoReadOnly(dir: string): Promise<void> {
  const { chmod } = await import('node:fs/promises')
  if (process.getuid?.() === 0) {
    const { execFileSync } = await import('node:child_process')
    try {
      execFileSync('chattr', ['-i', dir], { stdio: 'ignore' })
    } catch {
      /* was never set */
    }
  }
  await chmod(dir, 0o700).catch(() => undefined)
}
