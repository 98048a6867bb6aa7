/** Response headers as fetch gives them, or as a batch item lists them, or a plain record. */
export type HeaderSource = Headers | Record<string, string> | { name: string; value: string }[] | undefined | null

export function headerValue(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined
  const wanted = name.toLowerCase()
  if (headers instanceof Headers) return headers.get(wanted) ?? undefined
  if (Array.isArray(headers)) return headers.find((h) => h.name.toLowerCase() === wanted)?.value
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value
  return undefined
}

/** `Retry-After` in milliseconds: delta seconds or an HTTP date; undefined when unreadable. */
export function retryAfterMs(headers: HeaderSource, now: number): number | undefined {
  const raw = headerValue(headers, 'retry-after')?.trim()
  if (!raw) return undefined
  if (/^\d+$/.test(raw)) return Number(raw) * 1000
  const at = Date.parse(raw)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}
