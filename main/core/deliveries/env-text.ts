/**
 * The one-line edit of a `.env` file, as text: the line that sets `key` gets the new value, and
 * every other byte stays as it was (comments, blank lines, order, line endings, other keys, the
 * missing or present final newline). Pure, so it is tested and fuzzed without a disk.
 *
 * The text is handled as latin1 (one character per byte), so bytes that are not UTF-8 survive too.
 */

interface Span {
  /** Index of the first line the assignment covers, and of the last (a quoted value may span lines). */
  first: number
  last: number
  prefix: string
  quote: '"' | "'" | ''
  /** What follows the value on its last line: a comment, spaces. */
  rest: string
}

const SAFE_BARE = /^[A-Za-z0-9_\-.|+/=:@%,~]+$/

/** The value written as the file's readers expect it: bare when it can be, quoted otherwise. */
function literal(value: string, quote: Span['quote']): string {
  if (quote === "'" && !value.includes("'")) return `'${value}'`
  if (quote === '"' || (quote === "'" && value.includes("'"))) return `"${value.replace(/(["\\$`])/g, '\\$1')}"`
  if (SAFE_BARE.test(value)) return value
  return value.includes("'") ? `"${value.replace(/(["\\$`])/g, '\\$1')}"` : `'${value}'`
}

/** The end of a quoted value starting after the opening quote at `from`, or -1. */
function closingQuote(line: string, from: number, quote: '"' | "'"): number {
  for (let i = from; i < line.length; i++) {
    if (quote === '"' && line[i] === '\\') {
      i++
      continue
    }
    if (line[i] === quote) return i
  }
  return -1
}

function spanAt(lines: readonly string[], index: number, key: string): Span | null {
  const body = stripCr(lines[index] ?? '')
  const match = new RegExp(`^(\\s*(?:export\\s+)?${key}\\s*=\\s*)(.*)$`).exec(body)
  if (!match) return null
  const prefix = match[1] ?? ''
  const value = match[2] ?? ''
  const open = value[0]
  if (open === '"' || open === "'") {
    const close = closingQuote(value, 1, open)
    if (close >= 0) return { first: index, last: index, prefix, quote: open, rest: value.slice(close + 1) }
    // A quoted value that goes on over the next lines (dotenv allows it in double quotes).
    for (let j = index + 1; j < lines.length; j++) {
      const next = stripCr(lines[j] ?? '')
      const end = closingQuote(next, 0, open)
      if (end >= 0) return { first: index, last: j, prefix, quote: open, rest: next.slice(end + 1) }
    }
    return { first: index, last: index, prefix, quote: open, rest: '' }
  }
  // An unquoted value ends where a comment starts (" #"), as dotenv reads it.
  const comment = value.search(/\s+#/)
  return { first: index, last: index, prefix, quote: '', rest: comment >= 0 ? value.slice(comment) : (/\s*$/.exec(value)?.[0] ?? '') }
}

const stripCr = (line: string): string => (line.endsWith('\r') ? line.slice(0, -1) : line)

/** `text` with `key` set to `value`: each line that sets it replaced, or one line added at the end. */
export function setEnvValue(text: string, key: string, value: string): { text: string; replaced: number } {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error('not a variable name')
  const lines = text.split('\n')
  const out: string[] = []
  let replaced = 0
  for (let i = 0; i < lines.length; i++) {
    const span = spanAt(lines, i, key)
    if (!span) {
      out.push(lines[i] ?? '')
      continue
    }
    const cr = (lines[span.last] ?? '').endsWith('\r') ? '\r' : ''
    out.push(`${span.prefix}${literal(value, span.quote)}${span.rest}${cr}`)
    replaced += 1
    i = span.last
  }
  if (replaced > 0) return { text: out.join('\n'), replaced }
  const newline = text.includes('\r\n') ? '\r\n' : '\n'
  const lead = text === '' || text.endsWith('\n') ? '' : newline
  return { text: `${text}${lead}${key}=${literal(value, '')}${newline}`, replaced: 0 }
}

/** The value a `.env` text gives `key` (the last line that sets it), as dotenv reads it; for tests and checks. */
export function envValueIn(text: string, key: string): string | null {
  const lines = text.split('\n')
  let found: string | null = null
  for (let i = 0; i < lines.length; i++) {
    const span = spanAt(lines, i, key)
    if (!span) continue
    const body = [stripCr(lines[i] ?? '').slice(span.prefix.length), ...lines.slice(i + 1, span.last + 1).map(stripCr)].join('\n')
    if (span.quote === '') found = body.slice(0, body.length - span.rest.length).trim()
    else {
      const inner = body.slice(1, body.length - span.rest.length - 1)
      found = span.quote === '"' ? inner.replace(/\\(["\\$`])/g, '$1') : inner
    }
    i = span.last
  }
  return found
}
