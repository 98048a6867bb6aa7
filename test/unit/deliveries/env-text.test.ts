import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { envValueIn, setEnvValue } from '../../../main/core/deliveries/env-text'

const TOKEN = 'EAAnewTokenValue1234567890abcdef'

describe('setEnvValue: one line changes, every other byte stays', () => {
  it.each([
    ['the key is replaced in place, comments and order kept', '# ads\nA=1\nFB_ACCESS_TOKEN=old\n# end\nB=2\n', `# ads\nA=1\nFB_ACCESS_TOKEN=${TOKEN}\n# end\nB=2\n`],
    ['added at the end when missing', 'A=1\n', `A=1\nFB_ACCESS_TOKEN=${TOKEN}\n`],
    ['added after a last line without newline', 'A=1', `A=1\nFB_ACCESS_TOKEN=${TOKEN}\n`],
    ['an empty file gets the one line', '', `FB_ACCESS_TOKEN=${TOKEN}\n`],
    ['CRLF files keep CRLF', 'A=1\r\nFB_ACCESS_TOKEN=old\r\nB=2\r\n', `A=1\r\nFB_ACCESS_TOKEN=${TOKEN}\r\nB=2\r\n`],
    ['CRLF files get a CRLF line when added', 'A=1\r\n', `A=1\r\nFB_ACCESS_TOKEN=${TOKEN}\r\n`],
    ['export prefix and spaces around = kept', '  export FB_ACCESS_TOKEN = old\n', `  export FB_ACCESS_TOKEN = ${TOKEN}\n`],
    ['double quotes kept, with the comment after them', 'FB_ACCESS_TOKEN="old" # rotated by Token Desk\n', `FB_ACCESS_TOKEN="${TOKEN}" # rotated by Token Desk\n`],
    ['single quotes kept', "FB_ACCESS_TOKEN='old'\n", `FB_ACCESS_TOKEN='${TOKEN}'\n`],
    ['an unquoted value with a comment keeps the comment', 'FB_ACCESS_TOKEN=old # note\n', `FB_ACCESS_TOKEN=${TOKEN} # note\n`],
    ['every space before the comment is kept', 'FB_ACCESS_TOKEN=old   \t# note\n', `FB_ACCESS_TOKEN=${TOKEN}   \t# note\n`],
    ['a commented-out line is not the key', '# FB_ACCESS_TOKEN=old\n', `# FB_ACCESS_TOKEN=old\nFB_ACCESS_TOKEN=${TOKEN}\n`],
    ['a longer key with the same start is another key', 'FB_ACCESS_TOKEN_OLD=x\n', `FB_ACCESS_TOKEN_OLD=x\nFB_ACCESS_TOKEN=${TOKEN}\n`],
    ['every line that sets it is replaced (readers disagree on which wins)', 'FB_ACCESS_TOKEN=a\nX=1\nFB_ACCESS_TOKEN=b\n', `FB_ACCESS_TOKEN=${TOKEN}\nX=1\nFB_ACCESS_TOKEN=${TOKEN}\n`],
    ['a multi-line double-quoted value is replaced whole', 'A=1\nFB_ACCESS_TOKEN="line one\nline two"\nB=2\n', `A=1\nFB_ACCESS_TOKEN="${TOKEN}"\nB=2\n`],
    ['no final newline stays without one', 'FB_ACCESS_TOKEN=old', `FB_ACCESS_TOKEN=${TOKEN}`],
  ])('%s', (_name, before, after) => {
    expect(setEnvValue(before, 'FB_ACCESS_TOKEN', TOKEN).text).toBe(after)
    expect(envValueIn(after, 'FB_ACCESS_TOKEN')).toBe(TOKEN)
  })

  it('bytes that are not UTF-8 survive (the text is handled one byte per character)', () => {
    const before = Buffer.concat([Buffer.from('A=caf'), Buffer.from([0xe9, 0xff, 0xfe]), Buffer.from('\nFB_ACCESS_TOKEN=old\n')]).toString('latin1')
    const after = Buffer.from(setEnvValue(before, 'FB_ACCESS_TOKEN', TOKEN).text, 'latin1')
    expect(after.subarray(0, 8)).toEqual(Buffer.concat([Buffer.from('A=caf'), Buffer.from([0xe9, 0xff, 0xfe])]))
  })

  it('values that a reader would mangle bare are quoted', () => {
    expect(setEnvValue('', 'K', 'a b#c').text).toBe("K='a b#c'\n")
    expect(setEnvValue('', 'K', "it's$x").text).toBe('K="it\'s\\$x"\n')
    expect(envValueIn(setEnvValue('', 'K', "it's$x").text, 'K')).toBe("it's$x")
  })

  it('refuses a key that is not a variable name', () => {
    expect(() => setEnvValue('', 'A-B', 'x')).toThrow()
  })
})

const line = fc.oneof(
  fc.constantFrom('', '# a comment', '   ', '#FB_ACCESS_TOKEN=commented', 'FB_ACCESS_TOKEN_2=other', 'export PATH_X=1', 'A="quoted # not a comment"'),
  fc.tuple(fc.stringMatching(/^[A-Z][A-Z0-9_]{0,10}$/), fc.stringMatching(/^[A-Za-z0-9 ._#-]{0,20}$/)).map(([k, v]) => `${k}=${v}`),
  fc.string({ maxLength: 30 }).filter((s) => !/[\r\n]/.test(s)),
)

describe('setEnvValue, property: only the key\u2019s lines change', () => {
  it('for any file: the other lines are the same, in order, and the key reads back as the token', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.boolean(), fc.boolean(), fc.stringMatching(/^[A-Za-z0-9_|-]{10,80}$/), (lines, crlf, finalNewline, value) => {
        const nl = crlf ? '\r\n' : '\n'
        const others = lines.filter((l) => !/^\s*(export\s+)?FB_ACCESS_TOKEN\s*=/.test(l) && !/^\s*$/.test(l) || l === '')
        const before = others.join(nl) + (finalNewline && others.length > 0 ? nl : '')
        const after = setEnvValue(before, 'FB_ACCESS_TOKEN', value).text
        expect(envValueIn(after, 'FB_ACCESS_TOKEN')).toBe(value)
        // Removing the one added line gives back the file byte for byte.
        const added = `FB_ACCESS_TOKEN=${value}${before.includes('\r\n') ? '\r\n' : '\n'}`
        expect(after.endsWith(added)).toBe(true)
        const rest = after.slice(0, after.length - added.length)
        expect(rest === before || rest === `${before}${before.includes('\r\n') ? '\r\n' : '\n'}`).toBe(true)
        // Setting it again changes nothing else, and setting the same value is a no-op.
        expect(setEnvValue(after, 'FB_ACCESS_TOKEN', value).text).toBe(after)
      }),
      { numRuns: 500 },
    )
  })

  it('for any file that already sets it: only those lines differ', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), fc.integer({ min: 0, max: 20 }), fc.stringMatching(/^[A-Za-z0-9_]{10,40}$/), (lines, at, value) => {
        const clean = lines.filter((l) => !/FB_ACCESS_TOKEN\s*=/.test(l) && !l.includes('"'))
        const index = Math.min(at, clean.length)
        const before = [...clean.slice(0, index), 'FB_ACCESS_TOKEN=old-value', ...clean.slice(index)].join('\n')
        const after = setEnvValue(before, 'FB_ACCESS_TOKEN', value).text.split('\n')
        const was = before.split('\n')
        expect(after).toHaveLength(was.length)
        after.forEach((l, i) => expect(l).toBe(i === index ? `FB_ACCESS_TOKEN=${value}` : was[i]))
      }),
      { numRuns: 500 },
    )
  })
})
