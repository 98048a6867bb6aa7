import type { AppContext } from './context'
import { versionStatus } from '../doctor'

const shown = new WeakMap<AppContext, Set<string>>()

/**
 * Each version warning once per session, as a notice (graph-api-doctor.md §3): the end of the
 * version in use within 90 days, an ads call auto-upgraded, a version Token Desk does not know.
 * A dismissed warning stays dismissed even as its day count goes down.
 */
export function noteVersionWarnings(ctx: AppContext): void {
  if (!ctx.graph) return
  const seen = shown.get(ctx) ?? new Set<string>()
  shown.set(ctx, seen)
  for (const line of versionStatus(ctx.graph, ctx.clock.now()).lines) {
    if (line.level !== 'warning') continue
    const key = line.text.replace(/, in \d+ days?\./, '.')
    if (seen.has(key)) continue
    seen.add(key)
    ctx.notice('warning', line.text)
  }
}
