import { join } from 'node:path'
import { entryFileName, entryRecord, formatVersionOf, FORMAT_VERSION, type EntryRecord, type StoredSecret } from './entry-file'
import { errorCode, type FsPort } from './fs-port'

/** An entry file as this process last read or wrote it: its exact text, to notice another writer. */
export interface DiskCopy {
  text: string
  record: EntryRecord
}

/** The lock every writer of one vault folder holds around a read-modify-write. */
export const folderLockPath = (dir: string): string => join(dir, '.vault.lock')

export type DiskRead = DiskCopy | 'missing' | 'unusable'

/** One entry file now: parsed, gone, or something this process does not use (damaged, newer). */
export async function readEntryFile(fs: FsPort, dir: string, id: string): Promise<DiskRead> {
  let text: string
  try {
    text = (await fs.readFile(join(dir, entryFileName(id)))).toString('utf8')
  } catch (error) {
    return errorCode(error) === 'ENOENT' ? 'missing' : 'unusable'
  }
  return parseEntryText(text, id) ?? 'unusable'
}

export function parseEntryText(text: string, id: string): DiskCopy | null {
  try {
    const raw: unknown = JSON.parse(text)
    const version = formatVersionOf(raw)
    if (version !== null && version > FORMAT_VERSION) return null
    const parsed = entryRecord.safeParse(raw)
    return parsed.success && parsed.data.id === id ? { text, record: parsed.data } : null
  } catch {
    return null
  }
}

export function sameSecret(a: StoredSecret | null, b: StoredSecret | null): boolean {
  return (a?.data ?? null) === (b?.data ?? null) && (a?.backend ?? null) === (b?.backend ?? null)
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/**
 * Three-way merge of two descriptions written from the same `base`, field by field: a field this
 * process changed takes its value, every other field keeps the other writer's. So the app's
 * monitor recording a check and `token-desk` renaming or re-checking the same entry lose nothing
 * of each other (the same field changed by both: this process's value, written last, wins).
 */
export function mergeMeta(base: unknown, ours: unknown, theirs: unknown): unknown {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  if (!isObject(base) || !isObject(ours) || !isObject(theirs)) return ours
  const merged: Record<string, unknown> = { ...theirs }
  for (const key of new Set([...Object.keys(base), ...Object.keys(ours)])) {
    if (same(base[key], ours[key])) continue
    if (key in ours) merged[key] = ours[key]
    else delete merged[key]
  }
  return merged
}
