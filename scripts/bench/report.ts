/** One figure: Token Desk's value beside its baseline, measured in the same run. */
export interface Figure {
  name: string
  value: number
  baseline: number
  unit: string
}

const show = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1))

/**
 * `name: value unit (baseline: value unit, ratio: x)`. The ratio is always baseline / value, so
 * above 1 means Token Desk needs less (actions, time, requests, bytes, memory) than the baseline.
 */
export function formatFigure(f: Figure): string {
  const ratio = f.value === 0 ? 'inf' : (f.baseline / f.value).toFixed(2)
  return `${f.name}: ${show(f.value)} ${f.unit} (baseline: ${show(f.baseline)} ${f.unit}, ratio: ${ratio})`
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing')
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export const elapsedMs = (since: number): number => Math.round(performance.now() - since)

/** Progress and side notes: stderr, so stdout holds only the figures. */
export const note = (message: string): void => {
  process.stderr.write(`bench: ${message}\n`)
}
