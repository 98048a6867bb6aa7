import { mask } from '../core/redact'

export { mask }

/** Columns padded to the widest cell, for people. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = []
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)))
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')).join('\n')
}

/** Label: value lines with the labels aligned. */
export function fields(pairs: readonly (readonly [string, string])[]): string {
  const width = Math.max(...pairs.map(([k]) => k.length))
  return pairs.map(([k, v]) => `${`${k}:`.padEnd(width + 1)} ${v}`).join('\n')
}

export function isoOrNull(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString()
}

/** "in 59 days", "2 hours ago": for people, next to the ISO time. */
export function relative(ms: number | null, now: number): string {
  if (ms === null) return 'never'
  const diff = ms - now
  const abs = Math.abs(diff)
  const units: [number, string][] = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
  ]
  const [size, unit] = units.find(([s]) => abs >= s) ?? [1000, 'second']
  const n = Math.round(abs / size)
  const text = `${n} ${unit}${n === 1 ? '' : 's'}`
  return diff >= 0 ? `in ${text}` : `${text} ago`
}
