/** Graph answers read defensively: shared by every endpoint family. */
export type Row = Record<string, unknown>

/** The items of a list that are objects. */
export const rows = (items: unknown[]): Row[] => items.filter((i): i is Row => i !== null && typeof i === 'object')

/** A non-empty string, or a number as text; null for anything else. */
export const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null)

/** An id as one path segment. */
export const path = (segment: string): string => encodeURIComponent(segment)
