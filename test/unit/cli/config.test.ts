import { describe, expect, it } from 'vitest'
import { readConfig, requireApp } from '../../../main/cli/config'
import { UsageError } from '../../../main/cli/errors'
import { looksLikeToken } from '../../../main/cli/looks-like-token'
import { defaultHome } from '../../../main/core/home'
import { redactText } from '../../../main/core/redact'

describe('the environment', () => {
  it('defaults the home to the desktop app folder of each platform', () => {
    expect(defaultHome('linux', {}, '/home/ann')).toBe('/home/ann/.config/token-desk')
    expect(defaultHome('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ann')).toBe('/xdg/token-desk')
    expect(defaultHome('darwin', {}, '/Users/ann')).toBe('/Users/ann/Library/Application Support/Token Desk')
    expect(defaultHome('win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann')).toBe('C:\\Users\\ann\\AppData\\Roaming\\Token Desk')
  })

  it('reads every variable and registers the secret and passphrase with the redactor', () => {
    const config = readConfig(
      {
        TOKEN_DESK_APP_ID: '123456',
        TOKEN_DESK_APP_SECRET: 'a-secret-value-0042',
        TOKEN_DESK_GRAPH_URL: 'http://127.0.0.1:1234',
        TOKEN_DESK_API_VERSION: 'v25.0',
        TOKEN_DESK_HOME: '/tmp/h',
        TOKEN_DESK_PASSPHRASE: ' spaced passphrase ',
        TOKEN_DESK_RETRY_MAX_MS: '500',
        TOKEN_DESK_KEYRING: 'off',
      },
      'linux',
    )
    expect(config).toMatchObject({ appId: '123456', home: '/tmp/h', passphrase: ' spaced passphrase ', budgetMs: 500, useKeyring: false, apiVersion: 'v25.0' })
    expect(redactText('secret a-secret-value-0042 and  spaced passphrase ')).not.toContain('a-secret-value-0042')
    expect(redactText('x spaced passphrase x')).not.toContain('spaced passphrase')
  })

  it.each([
    [{ TOKEN_DESK_RETRY_MAX_MS: '0' }, 'TOKEN_DESK_RETRY_MAX_MS'],
    [{ TOKEN_DESK_RETRY_MAX_MS: 'soon' }, 'TOKEN_DESK_RETRY_MAX_MS'],
    [{ TOKEN_DESK_API_VERSION: '26.0' }, 'TOKEN_DESK_API_VERSION'],
    [{ TOKEN_DESK_GRAPH_URL: 'file:///etc/passwd' }, 'TOKEN_DESK_GRAPH_URL'],
    [{ TOKEN_DESK_LOG: 'loud' }, 'TOKEN_DESK_LOG'],
  ])('refuses %o naming the variable', (env, name) => {
    expect(() => readConfig(env, 'linux')).toThrow(UsageError)
    expect(() => readConfig(env, 'linux')).toThrow(name)
  })

  it('names exactly the app variables that are missing', () => {
    expect(() => requireApp(readConfig({ TOKEN_DESK_APP_ID: '1' }, 'linux'))).toThrow(/^TOKEN_DESK_APP_SECRET is not set/)
    expect(() => requireApp(readConfig({ TOKEN_DESK_APP_SECRET: 'x' }, 'linux'))).toThrow(/^TOKEN_DESK_APP_ID is not set/)
    expect(() => requireApp(readConfig({ TOKEN_DESK_APP_ID: ' ' }, 'linux'))).toThrow(/^TOKEN_DESK_APP_ID and TOKEN_DESK_APP_SECRET are not set/)
    const secret = '0123456789abcdefABCDEF0123456789'
    expect(requireApp(readConfig({ TOKEN_DESK_APP_ID: '1', TOKEN_DESK_APP_SECRET: secret }, 'linux'))).toEqual({ appId: '1', appSecret: secret })
  })

  it.each([
    [{ TOKEN_DESK_APP_ID: '1', TOKEN_DESK_APP_SECRET: 'hunter2' }, /^TOKEN_DESK_APP_SECRET is not an App Secret: an App Secret is 32 characters, 0-9 and a-f\./],
    [{ TOKEN_DESK_APP_ID: '1', TOKEN_DESK_APP_SECRET: 'g'.repeat(32) }, /^TOKEN_DESK_APP_SECRET is not an App Secret/],
    [{ TOKEN_DESK_APP_ID: '1', TOKEN_DESK_APP_SECRET: 'a'.repeat(33) }, /^TOKEN_DESK_APP_SECRET is not an App Secret/],
    [{ TOKEN_DESK_APP_ID: 'my-app', TOKEN_DESK_APP_SECRET: 'a'.repeat(32) }, /^TOKEN_DESK_APP_ID is not an App ID/],
  ])('refuses %o by the format the window checks, before any call', (env, message) => {
    expect(() => requireApp(readConfig(env, 'linux'))).toThrow(message)
    expect(() => requireApp(readConfig(env, 'linux'))).toThrow(UsageError)
  })
})

describe('looksLikeToken', () => {
  it.each(['EAAGm0PX4ZCpsBAAbc', '123456789|abcdefghijklmnop', 'x'.repeat(40)])('flags %s', (arg) => expect(looksLikeToken(arg)).toBe(true))
  it.each(['My Page', 'Y0DFD6lEN2eTaQXHENJT1g', 'ads-token', 'EA'])('leaves %s alone', (arg) => expect(looksLikeToken(arg)).toBe(false))
})
