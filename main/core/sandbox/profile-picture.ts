import type { SandboxContext } from './context'
import type { Reply } from './errors'
import { escapeHtml } from './html'

export const PROFILE_PICTURE_PATH = 'platform/profilepic'

function initialsOf(ctx: SandboxContext, id: string): string {
  const name = ctx.state.people.get(id)?.name ?? ctx.state.pages.find((p) => p.id === id)?.name ?? '?'
  return name
    .split(/\s+/)
    .filter((w) => w !== '')
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('')
}

/** A `width` or `height` as a picture URL or a `picture.width(…)` modifier gives it: 1 to 2048 pixels, else undefined. */
export function pictureSide(value: string | null | undefined): number | undefined {
  if (value == null || !/^\d{1,4}$/.test(value)) return undefined
  return Math.min(Math.max(Number(value), 1), 2048)
}

const side = (value: string | null): number => pictureSide(value) ?? 50

/**
 * What a `picture.data.url` points at: a small image with the person's or Page's initials, so a
 * client that downloads its users' pictures gets a picture back.
 */
export function profilePicture(ctx: SandboxContext, query: URLSearchParams): Reply {
  const width = side(query.get('width'))
  const height = side(query.get('height'))
  const text = escapeHtml(initialsOf(ctx, query.get('asid') ?? ''))
  const body = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 100 100"><rect width="100" height="100" fill="#dfe3ee"/><text x="50" y="64" font-family="sans-serif" font-size="40" text-anchor="middle" fill="#1b4fa0">${text}</text></svg>`
  return {
    status: 200,
    headers: {
      'content-type': 'image/svg+xml',
      'content-security-policy': "default-src 'none'",
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
    body,
  }
}
