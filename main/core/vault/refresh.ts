import { join } from 'node:path'
import { extrasOf, isCurrent } from './cipher-extras'
import { parseEntryText } from './entry-disk'
import { entryFileName, idOfEntryFile } from './entry-file'
import type { LoadContext } from './load'
import { needsSignIn, type Slot } from './slot'

/**
 * What other processes wrote since: entries read again only when their text changed, nothing
 * renamed or rewritten (a file this process cannot use is left for the next opening to judge).
 */
export async function refreshSlots<M>(ctx: LoadContext<M>, slots: Map<string, Slot<M>>): Promise<boolean> {
  let names: string[]
  try {
    names = await ctx.fs.readdir(ctx.dir)
  } catch {
    return false
  }
  let changed = false
  const present = new Set<string>()
  for (const name of names) {
    const id = idOfEntryFile(name)
    if (id === null) continue
    present.add(id)
    const slot = slots.get(id)
    // A secret held in memory only is this process's own; the file is not.
    if (slot && slot.plain !== null) continue
    const text = await ctx.fs.readFile(join(ctx.dir, entryFileName(id))).then((b) => b.toString('utf8'), () => null)
    if (text === null || text === slot?.disk?.text) continue
    const now = parseEntryText(text, id)
    if (!now) continue
    const secret = now.record.secret
    if (secret && !isCurrent(ctx.cipher, secret) && secret.backend === ctx.cipher.backend) await extrasOf(ctx.cipher).reload?.()
    if (secret && !isCurrent(ctx.cipher, secret)) {
      ctx.log.info('A vault entry written elsewhere is not readable here; it is left for the next start.', { id })
      continue
    }
    let meta: M
    try {
      meta = ctx.parseMeta(now.record.meta)
    } catch {
      continue
    }
    const problem = now.record.problem ?? (secret === null ? needsSignIn() : null)
    slots.set(id, { id, meta, stored: secret, plain: null, onDisk: true, problem, disk: now })
    changed = true
  }
  for (const slot of [...slots.values()]) {
    if (slot.onDisk && !present.has(slot.id)) {
      slots.delete(slot.id)
      changed = true
    }
  }
  return changed
}
