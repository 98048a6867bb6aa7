import { GraphError } from './errors'

/** One entry of a `fields=` expression: `picture.type(large){url}` is name, args and sub-fields. */
export interface FieldRequest {
  name: string
  /** Modifiers such as `.limit(2)` or `.type(large)`. */
  args: Record<string, string>
  /** Sub-fields in braces (or `.fields(...)`); null when none were asked. */
  sub: FieldRequest[] | null
}

const NAME = /[A-Za-z0-9_]/
/** Deeper than any real node graph; it keeps a hostile expression from exhausting the stack. */
const MAX_DEPTH = 16

/** Echoed expressions are cut here, so a hostile one cannot swell the answer and its header. */
const ECHO_LIMIT = 500

/** Graph answers a bad field expression with code 2500 and the position it gave up at (real captures). */
const syntaxError = (detail: string, at: number, text: string): GraphError =>
  new GraphError(2500, `Syntax error "${detail.slice(0, ECHO_LIMIT)}" at character ${at}: ${text.length > ECHO_LIMIT ? `${text.slice(0, ECHO_LIMIT)}...` : text}`)

const shown = (c: string | undefined): string => (c === undefined ? 'end of string' : `"${c}"`)

class Parser {
  private at = 0
  constructor(private readonly text: string) {}

  all(): FieldRequest[] {
    return this.nested(0)
  }

  /** `.fields(a,b)`: the same as braces, one level down. */
  nested(depth: number): FieldRequest[] {
    const list = this.list(depth)
    if (this.at < this.text.length) throw syntaxError(`Expected end of string instead of ${shown(this.text[this.at])}.`, this.at, this.text)
    return list
  }

  private list(depth: number): FieldRequest[] {
    // Graph's wording for this limit was not found; the message is ours.
    if (depth > MAX_DEPTH) throw syntaxError(`Fields are nested more than ${MAX_DEPTH} levels deep.`, this.at, this.text)
    const out: FieldRequest[] = []
    const seen = new Set<string>()
    for (;;) {
      const item = this.item(depth)
      if (seen.has(item.name)) {
        throw syntaxError(`Field ${item.name} specified more than once. This is only possible before version 2.1`, this.at, this.text)
      }
      seen.add(item.name)
      out.push(item)
      if (this.text[this.at] !== ',') return out
      this.at += 1
    }
  }

  private name(): string {
    const start = this.at
    while (this.at < this.text.length && NAME.test(this.text[this.at]!)) this.at += 1
    if (this.at === start) throw syntaxError('Expected name.', this.at, this.text)
    return this.text.slice(start, this.at)
  }

  private expect(c: string): void {
    if (this.text[this.at] !== c) throw syntaxError(`Expected "${c}" instead of ${shown(this.text[this.at])}.`, this.at, this.text)
    this.at += 1
  }

  private item(depth: number): FieldRequest {
    const request: FieldRequest = { name: this.name(), args: {}, sub: null }
    for (;;) {
      const c = this.text[this.at]
      if (c === '.') {
        this.at += 1
        const modifier = this.name()
        this.expect('(')
        const end = this.text.indexOf(')', this.at)
        if (end < 0) throw syntaxError('Expected ")" instead of end of string.', this.text.length, this.text)
        const value = this.text.slice(this.at, end)
        this.at = end + 1
        if (modifier === 'fields') request.sub = new Parser(value).nested(depth + 1)
        else request.args[modifier] = value
      } else if (c === '{') {
        if (request.sub !== null) throw syntaxError('Expected "," instead of "{".', this.at, this.text)
        this.at += 1
        request.sub = this.list(depth + 1)
        this.expect('}')
      } else {
        return request
      }
    }
  }
}

/**
 * Parses Graph's field expressions: `id,name,picture.type(large){url},accounts.limit(2){name}`.
 * Whitespace is ignored, as Graph ignores it (its error messages quote the text without it).
 */
export function parseFields(raw: string): FieldRequest[] {
  return new Parser(raw.replace(/\s+/g, '')).all()
}

/** The field list for a paging link of a nested edge: the inverse of parseFields. */
export function serializeFields(list: readonly FieldRequest[]): string {
  return list
    .map((f) => {
      const args = Object.entries(f.args)
        .map(([k, v]) => `.${k}(${v})`)
        .join('')
      return `${f.name}${args}${f.sub === null ? '' : `{${serializeFields(f.sub)}}`}`
    })
    .join(',')
}

/** The `fields` parameter parsed, or null when it is absent or blank (the node's defaults apply). */
export function requestedFields(params: Record<string, string>): FieldRequest[] | null {
  const raw = params.fields
  return raw === undefined || raw.trim() === '' ? null : parseFields(raw)
}

export const plainFields = (names: readonly string[]): FieldRequest[] => names.map((name) => ({ name, args: {}, sub: null }))
