import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import { VaultWriteError, writeFailure } from './errors'
import { errorCode, type FsPort, type LinkStat } from './fs-port'

/**
 * A lock file shared by every process that writes one vault folder: the desktop app's monitor,
 * `token-desk add`, `token-desk serve`. Held for milliseconds around a read-modify-write.
 *
 * Why not proper-lockfile (already in the tree through electron-builder): it can tell a dead
 * holder only by age (its `stale` time, 10 s by default), so every crash would block the next
 * writer that long. Here the file names its holder (pid and host), so a lock left by a process
 * that died on this machine is taken over at once, and age decides only for unknown holders.
 */
export interface LockOptions {
  /** How long to wait for another holder before giving up (VaultBusyError). */
  waitMs?: number
  /** Whether a process id is running; tests pass their own. */
  isAlive?: (pid: number) => boolean
  now?: () => number
}

/** Another process held the vault lock for longer than we wait, or the lock file is one nothing can clear. */
export class VaultBusyError extends VaultWriteError {
  override name = 'VaultBusyError'
  constructor(detail: string | null = null) {
    super(
      detail ?? 'Another Token Desk process is writing the vault right now and did not finish in time. Nothing was changed; try again.',
      'EBUSY',
    )
  }
}

interface Holder {
  pid: number
  host: string
  nonce: string
  at: number
}

/** A holder we cannot identify (a crash between creating and filling the file) is stale after this. */
const UNKNOWN_HOLDER_STALE_MS = 5_000
/** A holder on another machine (a shared network folder) is stale after this. */
const REMOTE_HOLDER_STALE_MS = 60_000
/** Nothing holds the lock this long, whatever the pid says (a pid reused by another program). */
const ANY_HOLDER_STALE_MS = 5 * 60_000

function defaultIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists, but belongs to someone else.
    return errorCode(error) === 'EPERM'
  }
}

/** Runs `work` while holding the lock file at `path`, creating it exclusively and removing it after. */
export async function withLock<T>(fs: FsPort, path: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const release = await acquire(fs, path, options)
  try {
    return await work()
  } finally {
    await release()
  }
}

async function acquire(fs: FsPort, path: string, options: LockOptions): Promise<() => Promise<void>> {
  const now = options.now ?? Date.now
  const deadline = now() + (options.waitMs ?? 10_000)
  const me: Holder = { pid: process.pid, host: hostname(), nonce: randomBytes(8).toString('hex'), at: now() }
  for (let attempt = 0; ; attempt++) {
    if (await tryCreate(fs, path, me)) return () => fs.unlink(path).catch(() => undefined)
    const left = await breakIfStale(fs, path, options.isAlive ?? defaultIsAlive, now)
    // A live holder gets the usual words (it finishes soon); a lock nothing will clear is named.
    if (now() >= deadline) throw new VaultBusyError(left && (left.odd || !left.holder) ? stuckWords(path, left) : null)
    // Short, jittered waits: holders keep the lock for a few milliseconds, and a process that
    // writes in bursts (the monitor after a check) must not starve one that waits.
    await new Promise((resolve) => setTimeout(resolve, Math.min(20, 2 * 2 ** Math.min(attempt, 4)) + Math.random() * 10))
  }
}

async function tryCreate(fs: FsPort, path: string, me: Holder): Promise<boolean> {
  let handle
  try {
    handle = await fs.open(path, 'wx', 0o600)
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false
    throw writeFailure('the vault', error)
  }
  try {
    await handle.writeFile(JSON.stringify(me))
  } catch {
    // The file exists, so the lock is held; an empty file only means "holder unknown" to others.
  } finally {
    await handle.close().catch(() => undefined)
  }
  return true
}

/**
 * What is at the lock path. A file we cannot read (another user's, mode 0600), a directory, a
 * symbolic link (dangling or not) or a file that is not a holder's JSON is an unknown holder:
 * judged by its age, like a crash between creating and filling the file (issue 20, item 5).
 */
interface Found {
  holder: Holder | null
  /** What identifies this very lock, to check it is still the same one before removing it. */
  raw: string
  ageMs: number
  info: LinkStat
  /** Why the holder is unknown, when the file is not a lock file we can read. */
  odd: 'symbolic link' | 'directory' | 'unreadable' | 'not a lock file' | null
}

async function readHolder(fs: FsPort, path: string): Promise<Found | null> {
  let info: LinkStat
  try {
    info = await fs.lstat(path)
  } catch {
    return null // gone already
  }
  const ageMs = Date.now() - info.mtimeMs
  const stamp = `${info.mtimeMs}:${info.uid}`
  if (info.isSymbolicLink()) return { holder: null, raw: `link:${stamp}`, ageMs, info, odd: 'symbolic link' }
  if (info.isDirectory()) return { holder: null, raw: `dir:${stamp}`, ageMs, info, odd: 'directory' }
  let raw: string
  try {
    raw = (await fs.readFile(path)).toString('utf8')
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null
    return { holder: null, raw: `unreadable:${stamp}`, ageMs, info, odd: 'unreadable' }
  }
  let holder: Holder | null = null
  try {
    const parsed = JSON.parse(raw) as Partial<Holder>
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string' && typeof parsed.nonce === 'string') holder = parsed as Holder
  } catch {
    /* unknown holder */
  }
  return { holder, raw, ageMs, info, odd: holder || raw === '' ? null : 'not a lock file' }
}

function isStale(found: { holder: Holder | null; ageMs: number }, isAlive: (pid: number) => boolean): boolean {
  if (found.ageMs > ANY_HOLDER_STALE_MS) return true
  const { holder } = found
  if (!holder) return found.ageMs > UNKNOWN_HOLDER_STALE_MS
  if (holder.host !== hostname()) return found.ageMs > REMOTE_HOLDER_STALE_MS
  return holder.pid !== process.pid && !isAlive(holder.pid)
}

/** Removes what is at `path`: a link or a file is unlinked, a directory removed when it is empty. */
async function clear(fs: FsPort, path: string, found: Found): Promise<void> {
  await (found.odd === 'directory' ? fs.rmdir(path) : fs.unlink(path)).catch(() => undefined)
}

/** The words for a lock that stayed: which file, what is odd about it, whose it is, and what to do. */
function stuckWords(path: string, found: Found): string {
  const what = found.odd ? `is ${found.odd === 'unreadable' ? 'unreadable here' : `a ${found.odd}`}` : found.holder ? `is held by process ${found.holder.pid} on ${found.holder.host}` : 'names no holder'
  const mine = typeof process.getuid === 'function' && found.info.uid === process.getuid()
  const owner = mine ? '' : `, owned by user id ${found.info.uid}`
  return `The vault's lock file ${path} ${what}${owner}, and it did not go away. Nothing was changed. If no Token Desk program is running, remove that file (with the account that owns it) and try again.`
}

/**
 * Removes a stale lock. Breakers take a second lock first and check again that the file is the
 * same stale one, so two of them can never remove a fresh lock one of them has just made.
 */
async function breakIfStale(fs: FsPort, path: string, isAlive: (pid: number) => boolean, now: () => number): Promise<Found | null> {
  const seen = await readHolder(fs, path)
  if (!seen || !isStale(seen, isAlive)) return seen
  const breaker = `${path}.break`
  const me: Holder = { pid: process.pid, host: hostname(), nonce: randomBytes(8).toString('hex'), at: now() }
  if (!(await tryCreate(fs, breaker, me).catch(() => false))) {
    const other = await readHolder(fs, breaker)
    if (other && isStale(other, isAlive)) await clear(fs, breaker, other)
    return seen
  }
  try {
    const again = await readHolder(fs, path)
    if (again && again.raw === seen.raw && isStale(again, isAlive)) await clear(fs, path, again)
  } finally {
    await fs.unlink(breaker).catch(() => undefined)
  }
  return readHolder(fs, path)
}
