import * as fsp from 'node:fs/promises'

/** The few file operations the vault needs: a port, so tests can inject ENOSPC or EROFS. */
export interface FileHandlePort {
  writeFile(data: string | Uint8Array): Promise<void>
  sync(): Promise<void>
  close(): Promise<void>
}

export interface FsPort {
  mkdir(path: string, options: { recursive: true; mode: number }): Promise<string | undefined>
  chmod(path: string, mode: number): Promise<void>
  stat(path: string): Promise<{ mode: number; mtimeMs: number }>
  /** The entry itself, a symbolic link not followed: the lock and folder-trust checks need it. */
  lstat(path: string): Promise<LinkStat>
  readdir(path: string): Promise<string[]>
  readFile(path: string): Promise<Buffer>
  open(path: string, flags: string, mode?: number): Promise<FileHandlePort>
  rename(from: string, to: string): Promise<void>
  unlink(path: string): Promise<void>
  rmdir(path: string): Promise<void>
}

export interface LinkStat {
  mode: number
  mtimeMs: number
  uid: number
  isSymbolicLink(): boolean
  isDirectory(): boolean
  isFile(): boolean
}

export const nodeFs: FsPort = {
  mkdir: (path, options) => fsp.mkdir(path, options),
  chmod: (path, mode) => fsp.chmod(path, mode),
  stat: (path) => fsp.stat(path),
  lstat: (path) => fsp.lstat(path),
  readdir: (path) => fsp.readdir(path),
  readFile: (path) => fsp.readFile(path),
  open: (path, flags, mode) => fsp.open(path, flags, mode),
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
  rmdir: (path) => fsp.rmdir(path),
}

export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined
  const code = error.code
  return typeof code === 'string' ? code : undefined
}
