import { isAbsolute } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveHome } from '../../../main/core/home'

describe('the home in use', () => {
  it('makes a relative TOKEN_DESK_HOME absolute, from where the program was started (Electron refuses a relative userData)', () => {
    expect(resolveHome({ TOKEN_DESK_HOME: 'desk' }, 'linux', '/home/ann', '/work')).toBe('/work/desk')
    expect(resolveHome({ TOKEN_DESK_HOME: '../desk' }, 'linux', '/home/ann', '/work/sub')).toBe('/work/desk')
    expect(isAbsolute(resolveHome({ TOKEN_DESK_HOME: 'desk' }))).toBe(true)
    expect(resolveHome({ TOKEN_DESK_HOME: '/abs/x' }, 'linux', '/home/ann', '/work')).toBe('/abs/x')
  })

  it('keeps the platform default when TOKEN_DESK_HOME is unset or blank', () => {
    expect(resolveHome({}, 'linux', '/home/ann', '/work')).toBe('/home/ann/.config/token-desk')
    expect(resolveHome({ TOKEN_DESK_HOME: '  ' }, 'darwin', '/Users/ann', '/work')).toBe('/Users/ann/Library/Application Support/Token Desk')
  })
})
