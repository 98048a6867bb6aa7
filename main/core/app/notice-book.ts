import type { Notice } from '../../../preload/api'
import { shrinkNotices } from './alarms'
import type { Reword } from './context'

/** The notice list and what it needs to keep each notice true: rewordings, causes. */
export interface NoticeBook {
  add: (level: Notice['level'], message: string, about?: string | readonly string[], familyId?: string | null, reword?: Reword, cause?: string) => void
  forgetToken: (tokenId: string) => void
  forgetReminders: (tokenIds: readonly string[]) => void
  endCause: (cause: string) => void
  causeOf: (id: string) => string | undefined
  /** The notices with a reminder's words said again for now (the day count moves on). */
  current: () => Notice[]
}

const MAX_NOTICES = 20

/**
 * Bookkeeping for `ctx.notices` (kept on the context, which the handlers read and filter):
 * - a reminder's words are said again for the tokens still in it, and for the current time;
 * - a notice with a cause is the only one of its cause: an older one loses the tokens the new
 *   one is about, and one about no token goes.
 */
export function noticeBook(list: { get(): Notice[]; set(notices: Notice[]): void }): NoticeBook {
  let seq = 0
  const rewordings = new Map<string, Reword>()
  const causes = new Map<string, string>()
  const store = (notices: Notice[]): void => {
    for (const map of [rewordings, causes]) for (const id of map.keys()) if (!notices.some((n) => n.id === id)) map.delete(id)
    list.set(notices)
  }
  const tokensOf = (n: Notice): string[] => n.tokenIds ?? (n.tokenId ? [n.tokenId] : [])
  return {
    add(level, message, about, familyId, reword, cause) {
      let notices = list.get()
      const tokens = typeof about === 'string' ? { tokenId: about } : about?.length ? { tokenIds: [...about] } : {}
      if (cause) {
        const ids = tokensOf(tokens as Notice)
        notices = notices.flatMap((n) => {
          if (causes.get(n.id) !== cause) return [n]
          if (ids.length === 0 || tokensOf(n).length === 0) return []
          return n.tokenId ? (ids.includes(n.tokenId) ? [] : [n]) : shrinkNotices([n], ids, rewordings)
        })
      }
      if (notices.some((n) => n.message === message)) return store(notices)
      const id = `n${++seq}`
      if (reword) rewordings.set(id, reword)
      if (cause) causes.set(id, cause)
      store([...notices, { id, level, message, ...tokens, ...(familyId ? { familyId } : {}) }].slice(-MAX_NOTICES))
    },
    forgetToken(tokenId) {
      // A delivery's notice is about the new token's destinations: the delivery itself keeps it true.
      store(shrinkNotices(list.get().filter((n) => n.tokenId !== tokenId || n.retry === 'deliver'), [tokenId], rewordings))
    },
    forgetReminders(tokenIds) {
      store(list.get().flatMap((n) => (rewordings.has(n.id) ? shrinkNotices([n], tokenIds, rewordings) : [n])))
    },
    endCause(cause) {
      store(list.get().filter((n) => causes.get(n.id) !== cause))
    },
    causeOf: (id) => causes.get(id),
    current() {
      return list.get().map((n) => {
        const reword = rewordings.get(n.id)
        return reword && n.tokenIds ? { ...n, message: reword(n.tokenIds) } : n
      })
    },
  }
}
