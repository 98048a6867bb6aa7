/**
 * The update feed is configured in one place: `publish` in electron-builder.yml. electron-builder
 * writes it into the app as resources/app-update.yml, which electron-updater reads; the release
 * page the app links to is derived from the same file.
 */

export interface UpdateFeed {
  provider: string
  owner?: string
  repo?: string
  url?: string
}

/** app-update.yml is a flat map of scalars (electron-builder's serializeToYaml of the publish entry). */
export function parseUpdateFeed(yaml: string): UpdateFeed | null {
  const out: Record<string, string> = {}
  for (const line of yaml.split(/\r?\n/)) {
    const match = /^([A-Za-z][\w-]*):\s*(.*?)\s*$/.exec(line)
    if (!match) continue
    out[match[1]!] = match[2]!.replace(/^(['"])(.*)\1$/, '$2')
  }
  if (!out.provider) return null
  return { provider: out.provider, ...(out.owner ? { owner: out.owner } : {}), ...(out.repo ? { repo: out.repo } : {}), ...(out.url ? { url: out.url } : {}) }
}

const SAFE = /^[A-Za-z0-9_.-]+$/

/** Where a person downloads `version` by hand: a page under releasePagesPrefix; null when the feed names none. */
export function releasePageUrl(feed: UpdateFeed, version: string): string | null {
  const prefix = releasePagesPrefix(feed)
  if (prefix === null || feed.provider !== 'github') return prefix
  return /^[\w.+-]+$/.test(version) ? `${prefix}tag/v${version}` : null
}

/** The prefix every release page of this feed starts with: what the shell may open. */
export function releasePagesPrefix(feed: UpdateFeed): string | null {
  if (feed.provider === 'github' && feed.owner && feed.repo && SAFE.test(feed.owner) && SAFE.test(feed.repo)) return `https://github.com/${feed.owner}/${feed.repo}/releases/`
  if (feed.provider === 'generic' && feed.url?.startsWith('https://')) return feed.url
  return null
}
