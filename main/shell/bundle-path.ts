import { realpathSync, statSync } from 'node:fs'
import { isAbsolute, join, relative, sep } from 'node:path'
import { APP_HOST, APP_SCHEME, parseUrl } from './origins'

/**
 * Maps an `app://token-desk/...` request to a file under the bundle root, or null (a 404).
 *
 * Each path segment is decoded on its own, so an encoded slash or dot-dot (`%2f`, `%2e%2e`)
 * can never become a separator or a parent step after the URL parser has normalised the path.
 * The real path is then compared with the real root, so a symlink that leaves the root is
 * refused too.
 */
export function resolveBundlePath(root: string, rawUrl: string): string | null {
  const url = parseUrl(rawUrl)
  if (!url || url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null
  if (url.username !== '' || url.password !== '') return null

  const segments: string[] = []
  for (const encoded of url.pathname.split('/')) {
    if (encoded === '') continue
    let segment: string
    try {
      segment = decodeURIComponent(encoded)
    } catch {
      return null
    }
    if (!isPlainSegment(segment)) return null
    segments.push(segment)
  }
  if (segments.length === 0) segments.push('index.html')

  let realRoot: string
  let realFile: string
  try {
    realRoot = realpathSync(root)
    realFile = realpathSync(join(realRoot, ...segments))
    if (!statSync(realFile).isFile()) return null
  } catch {
    return null
  }
  return isInside(realRoot, realFile) ? realFile : null
}

function isPlainSegment(segment: string): boolean {
  if (segment === '.' || segment === '..') return false
  // Separators of any platform, drive letters and NUL have no place in a bundle file name.
  return !/[/\\:\0]/.test(segment)
}

function isInside(root: string, file: string): boolean {
  const rel = relative(root, file)
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel)
}
