/**
 * "Did you mean" for a mistyped command or option. Node's parseArgs has no suggestions of its
 * own, so this is the optimal-string-alignment distance (Levenshtein plus the swap of two
 * neighbouring letters, the most common slip: "inpsect"), small enough to read at a glance.
 * https://en.wikipedia.org/wiki/Damerau%E2%80%93Levenshtein_distance#Optimal_string_alignment_distance
 */
export function typingDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1)
      rows[i]![j] = best
    }
  }
  return rows[a.length]![b.length]!
}

/**
 * The one known word closest to what was typed, when it is close enough to be a slip: at most
 * one edit for short words, two from six letters on. Null when nothing is, or two are equally close.
 */
export function closest(typed: string, known: readonly string[]): string | null {
  const word = typed.toLowerCase()
  const allowed = word.length >= 6 ? 2 : 1
  let best: string | null = null
  let bestDistance = Infinity
  let tie = false
  for (const candidate of known) {
    const d = typingDistance(word, candidate)
    if (d < bestDistance) [best, bestDistance, tie] = [candidate, d, false]
    else if (d === bestDistance) tie = true
  }
  return best !== null && bestDistance <= allowed && !tie ? best : null
}
