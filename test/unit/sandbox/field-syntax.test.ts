import { describe, expect, it } from 'vitest'
import { GraphError } from '../../../main/core/sandbox/errors'
import { parseFields, serializeFields } from '../../../main/core/sandbox/field-syntax'

function syntax(text: string): string {
  try {
    parseFields(text)
  } catch (error) {
    expect(error).toBeInstanceOf(GraphError)
    expect((error as GraphError).code).toBe(2500)
    return (error as GraphError).message
  }
  throw new Error(`${text} parsed`)
}

describe('parseFields', () => {
  it('reads names, modifiers before and after braces, and nested sub-fields', () => {
    expect(parseFields('id,picture.type(large){url,width},accounts{name}.limit(2)')).toEqual([
      { name: 'id', args: {}, sub: null },
      { name: 'picture', args: { type: 'large' }, sub: [{ name: 'url', args: {}, sub: null }, { name: 'width', args: {}, sub: null }] },
      { name: 'accounts', args: { limit: '2' }, sub: [{ name: 'name', args: {}, sub: null }] },
    ])
  })

  it('takes the legacy .fields() modifier as sub-fields', () => {
    expect(parseFields('accounts.fields(name,id).limit(1)')).toEqual([
      { name: 'accounts', args: { limit: '1' }, sub: [{ name: 'name', args: {}, sub: null }, { name: 'id', args: {}, sub: null }] },
    ])
  })

  it('ignores whitespace as Graph does', () => {
    expect(parseFields(' id ,\n name { first } ')).toEqual(parseFields('id,name{first}'))
  })

  it('round-trips through serializeFields, which nested paging links use', () => {
    const text = 'name,accounts.limit(2){name,picture.type(small){url}},business{id}'
    expect(serializeFields(parseFields(text))).toBe(text)
  })

  it('refuses a repeated name at each level, but allows it at different levels', () => {
    expect(syntax('id,id')).toBe('Syntax error "Field id specified more than once. This is only possible before version 2.1" at character 5: id,id')
    expect(parseFields('name,business{name}')).toHaveLength(2)
  })

  it('refuses nesting deeper than any node graph, without exhausting the stack', () => {
    expect(parseFields(`${'a{'.repeat(16)}b${'}'.repeat(16)}`)).toHaveLength(1)
    expect(syntax(`${'a{'.repeat(17)}b${'}'.repeat(17)}`)).toMatch(/^Syntax error "Fields are nested more than 16 levels deep\." at character 34: /)
    expect(syntax('a{'.repeat(200_000))).toMatch(/nested more than 16 levels/)
  })

  it('echoes at most 500 characters of a bad expression', () => {
    const message = syntax(`${'x'.repeat(5000)}}`)
    expect(message.length).toBeLessThan(600)
    expect(message.endsWith('x...')).toBe(true)
  })

  it.each([
    ['', 'Expected name.', 0],
    ['a,', 'Expected name.', 2],
    ['a.(1)', 'Expected name.', 2],
    ['a.limit(2', 'Expected ")" instead of end of string.', 9],
    ['a{b}{c}', 'Expected "," instead of "{".', 4],
    ['a)b', 'Expected end of string instead of ")".', 1],
  ])('refuses %j: %s', (text, detail, at) => {
    expect(syntax(text)).toBe(`Syntax error "${detail}" at character ${at}: ${text.replace(/\s+/g, '')}`)
  })
})
