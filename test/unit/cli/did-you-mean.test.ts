import { describe, expect, it } from 'vitest'
import { closest, typingDistance } from '../../../main/cli/did-you-mean'
import { COMMANDS } from '../../../main/cli/main'

const names = COMMANDS.map((c) => c.name)

describe('did you mean', () => {
  it('counts a swap of two neighbouring letters as one slip', () => {
    expect(typingDistance('inpsect', 'inspect')).toBe(1)
    expect(typingDistance('list', 'list')).toBe(0)
    expect(typingDistance('', 'add')).toBe(3)
    expect(typingDistance('kitten', 'sitting')).toBe(3)
  })

  it.each([
    ['inpsect', 'inspect'],
    ['chekc', 'check'],
    ['lsit', 'list'],
    ['INSPECT', 'inspect'],
    ['extned', 'extend'],
    ['sytem-users', 'system-users'],
    ['diagnostic', 'diagnostics'],
    ['ad', 'add'],
  ])('%s → %s', (typed, meant) => expect(closest(typed, names)).toBe(meant))

  it.each(['zzzzzz', 'login', 'deploy', 'xyz'])('suggests nothing for %s, which is no slip of any command', (typed) => {
    expect(closest(typed, names)).toBeNull()
  })

  it('suggests nothing when two are equally close', () => {
    expect(closest('bat', ['cat', 'hat'])).toBeNull()
  })
})
