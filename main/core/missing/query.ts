/** What the person typed: an id (a Page id, `act_…`, an ad account number, a facebook.com address) or a name. */
export interface AssetQuery {
  raw: string
  /** Digits only; for ad accounts without `act_`. */
  id: string | null
  name: string | null
}

export function parseQuery(raw: string): AssetQuery {
  const text = raw.trim()
  const act = /^act_(\d{1,32})$/i.exec(text)
  if (act) return { raw: text, id: act[1]!, name: null }
  if (/^\d{1,32}$/.test(text)) return { raw: text, id: text, name: null }
  // facebook.com/123…, profile.php?id=123…, business.facebook.com/…?act=123…
  if (/^(https?:\/\/)?([a-z]+\.)?facebook\.com\//i.test(text)) {
    const found = /[?&](?:id|act|asset_id)=(\d{1,32})/.exec(text) ?? /\/(\d{5,32})(?:[/?#]|$)/.exec(text)
    if (found) return { raw: text, id: found[1]!, name: null }
  }
  return { raw: text, id: null, name: text }
}

/** The same account whether Facebook wrote `act_123` or `123` (graph-api-doctor.md §2.1: both seen). */
export const bareAccountId = (id: string): string => id.replace(/^act_/i, '')

/** Exact name first (ignoring case and spaces), then a single name containing it. */
export function byName<T extends { name: string | null }>(items: readonly T[], name: string): T | undefined {
  const want = name.trim().toLowerCase().replace(/\s+/g, ' ')
  const norm = (n: string | null): string => (n ?? '').trim().toLowerCase().replace(/\s+/g, ' ')
  const exact = items.find((i) => norm(i.name) === want)
  if (exact) return exact
  const partial = items.filter((i) => norm(i.name).includes(want))
  return partial.length === 1 ? partial[0] : undefined
}
