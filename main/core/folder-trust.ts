import { lstat, realpath, stat } from 'node:fs/promises'
import { isAbsolute, join, relative } from 'node:path'

/**
 * Folder trust, modelled on OpenSSH's StrictModes (sshd_config(5); auth.c `auth_secure_path`):
 * before the vault is read, the home and the folders that hold keys, entries, backups and logs
 * must belong to this user (or root) and be writable by nobody else, and a symbolic link is
 * followed only when it ends inside the home. Otherwise another local user could swap a key
 * file, read a backup written through a link, or make diagnostics quote a file of their choice
 * (issue 20, item 11). Unlike sshd, the folders above the home are not walked: the home is the
 * boundary Token Desk owns. A missing folder is no problem: it is made 0700 when needed.
 */
export const TRUSTED_FOLDERS = ['', 'vault', 'vault/keys', 'vault/tokens', 'vault/app', 'vault/tokens/.pre-shared-vault', 'vault/app/.pre-shared-vault', 'logs'] as const

export interface TrustOptions {
  /** The user the files must belong to; default this process's (null on Windows: no mode bits to judge). */
  uid?: number | null
}

const processUid = (): number | null => (typeof process.getuid === 'function' ? process.getuid() : null)

const codeOf = (error: unknown): string => (error && typeof error === 'object' && 'code' in error ? String((error).code) : 'unknown error')

const inside = (root: string, path: string): boolean => {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

/** The real home, every link resolved: links inside it are judged against this. */
export async function realHome(home: string): Promise<string> {
  return realpath(home).catch(() => home)
}

/**
 * What is wrong with one path under `root` (already real), in words, or null when it can be
 * trusted or does not exist.
 */
export async function pathTrustProblem(path: string, root: string, options: TrustOptions = {}): Promise<string | null> {
  let link
  try {
    link = await lstat(path)
  } catch (error) {
    return codeOf(error) === 'ENOENT' ? null : `${path} cannot be checked (${codeOf(error)})`
  }
  let target = path
  if (link.isSymbolicLink()) {
    const real = await realpath(path).catch(() => null)
    if (real === null) return `${path} is a symbolic link that leads nowhere`
    if (!inside(root, real)) return `${path} is a symbolic link to ${real}, outside ${root}`
    target = real
  }
  const uid = options.uid === undefined ? processUid() : options.uid
  if (uid === null) return null
  const info = await stat(target)
  if (info.uid !== uid && info.uid !== 0) return `${path} belongs to another user (uid ${info.uid}), not to you (uid ${uid})`
  if ((info.mode & 0o022) !== 0) return `${path} can be written by other users (mode ${(info.mode & 0o777).toString(8).padStart(4, '0')})`
  return null
}

/** Every problem with the home and its trusted folders, each in words; empty when all is well. */
export async function folderTrustProblems(home: string, options: TrustOptions = {}): Promise<string[]> {
  const root = await realHome(home)
  const problems: string[] = []
  for (const folder of TRUSTED_FOLDERS) {
    // The home itself may be reached through a link (a dotfiles folder); its real path is judged.
    const path = folder === '' ? root : join(home, folder)
    const problem = await pathTrustProblem(path, root, options)
    if (problem) problems.push(problem)
  }
  return problems
}

/** One sentence for people: what is wrong, what Token Desk did, and what to do. */
export function trustRefusal(problems: readonly string[]): string {
  return (
    `Token Desk does not trust its folder, so it read and changed nothing: ${problems.join('; ')}. ` +
    'Make each folder yours and writable only by you (chmod 700), or replace the link with the folder itself, then try again.'
  )
}
