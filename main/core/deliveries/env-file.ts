import { lstat, readdir, readFile, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { TEMP_PREFIX, writeFileAtomic } from '../vault/atomic-write'
import { errorCode, nodeFs, type FsPort } from '../vault/fs-port'
import { setEnvValue } from './env-text'
import { DeliveryFailure } from './failure'

export interface EnvFileOptions {
  fs?: FsPort
  /** The user's id; null where there is none (Windows). Tests pass another to see the refusal. */
  uid?: number | null
  /** A temp file of an earlier write killed before its rename is removed once it is this old. */
  staleTempMs?: number
  now?: () => number
}

const NEW_FILE_MODE = 0o600
export const STALE_ENV_TEMP_MS = 60_000

const ownUid = (): number | null => (typeof process.getuid === 'function' ? process.getuid() : null)

/**
 * Sets one variable in a `.env` file: the line replaced or added (env-text.ts), every other byte
 * kept, the file replaced atomically (a temp file beside it, fsync, rename: a reader or a crash
 * sees the old file or the new one, never half) with the file's own mode, 0600 for a new file.
 * Refused with the reason, and the file left as it was: a symbolic link (it could send the token
 * anywhere), something that is not a file, a file of another user, a folder that does not exist.
 */
export async function writeEnvFile(path: string, key: string, value: string, options: EnvFileOptions = {}): Promise<{ created: boolean; replaced: number }> {
  const fs = options.fs ?? nodeFs
  const uid = options.uid === undefined ? ownUid() : options.uid
  const info = await lstat(path).catch((error: unknown) => {
    if (errorCode(error) === 'ENOENT') return null
    throw fileFailure(path, error)
  })
  let before = ''
  let mode = NEW_FILE_MODE
  if (info === null) {
    const folder = dirname(path)
    const parent = await stat(folder).catch(() => null)
    if (!parent?.isDirectory()) throw new DeliveryFailure(`The folder ${folder} does not exist.`, 'Create the folder, or change the path of this destination.')
  } else {
    if (info.isSymbolicLink()) {
      throw new DeliveryFailure(`${path} is a symbolic link. Token Desk writes only the file itself, so a link cannot send the token somewhere else.`, 'Point the destination at the real file.')
    }
    if (!info.isFile()) throw new DeliveryFailure(`${path} is not a file.`, 'Point the destination at a .env file.')
    if (uid !== null && info.uid !== uid) {
      throw new DeliveryFailure(`${path} belongs to another user (uid ${info.uid}). Token Desk writes only files you own.`, 'Use a file of your own, or take ownership of this one.')
    }
    mode = info.mode & 0o7777
    before = (await readFile(path).catch((error: unknown) => Promise.reject(fileFailure(path, error)))).toString('latin1')
  }
  const next = setEnvValue(before, key, value)
  await removeStaleTemps(path, options)
  try {
    await writeFileAtomic(fs, path, Buffer.from(next.text, 'latin1'), mode)
    // The mode given at creation passes through the umask; the file keeps exactly its own.
    if (((await stat(path)).mode & 0o7777) !== mode) await fs.chmod(path, mode)
  } catch (error) {
    throw fileFailure(path, error)
  }
  return { created: info === null, replaced: next.replaced }
}

/** Temp files of this path's earlier writes that never reached their rename (a crash, a kill). */
async function removeStaleTemps(path: string, options: EnvFileOptions): Promise<void> {
  const folder = dirname(path)
  const prefix = `${TEMP_PREFIX}${basename(path)}.`
  const now = (options.now ?? Date.now)()
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    if (!name.startsWith(prefix) || !/^[0-9a-f]{12}$/.test(name.slice(prefix.length))) continue
    const temp = join(folder, name)
    const info = await lstat(temp).catch(() => null)
    if (info?.isFile() && now - info.mtimeMs >= (options.staleTempMs ?? STALE_ENV_TEMP_MS)) await unlink(temp).catch(() => undefined)
  }
}

function fileFailure(path: string, error: unknown): DeliveryFailure {
  if (error instanceof DeliveryFailure) return error
  const code = errorCode(error)
  const folder = dirname(path)
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return new DeliveryFailure(`Token Desk may not write ${path} (permission denied).`, `Allow writing to ${folder}, or choose another file.`)
    case 'ENOSPC':
      return new DeliveryFailure(`The disk holding ${path} is full.`, 'Free some space, then try again.')
    case 'EROFS':
      return new DeliveryFailure(`${path} is on a read-only disk.`, 'Choose a file on a disk that can be written.')
    case 'ENOENT':
      return new DeliveryFailure(`The folder ${folder} does not exist.`, 'Create the folder, or change the path of this destination.')
    default:
      return new DeliveryFailure(`${path} could not be written (${code ?? 'an error'}).`, 'Check the file and its folder, then try again.')
  }
}
