import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLogger } from '../../../main/core/log'
import { openFileLog, rotatedPath } from '../../../main/core/logging/file-log'

const USER_TOKEN = 'EAAGm0PX4ZCpsBAKZC5ZBqZCwZDZD0123456789abcdefXYZ'
const APP_TOKEN = '123456789012345|s3cr3tApPsEcReTvAlUe'
const PROOF = 'f'.repeat(16) + '0123456789abcdef'.repeat(3)
const CODE = 'AQDxyz0123456789abcdefghijklmnopqrstuv'
const SECRETS = [USER_TOKEN, 's3cr3tApPsEcReTvAlUe', PROOF, CODE, 'hunter2-passphrase']

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'td-filelog-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const mode = (path: string): number => statSync(path).mode & 0o777

function expectNoSecret(text: string): void {
  for (const [i, secret] of SECRETS.entries()) expect(text.indexOf(secret), `secret #${i}`).toBe(-1)
}

describe('file logs through electron-log, behind the redactor', () => {
  it('a token logged in any field, message, nested object, array, Error or URL never reaches the file', () => {
    const file = openFileLog(join(dir, 'logs', 'main.log'))
    const log = createLogger(file.sink, 'debug')
    const failure = Object.assign(new Error(`Graph said no to ${USER_TOKEN}`, { cause: new Error(`code=${CODE}`) }), { access_token: USER_TOKEN })
    log.info(`calling https://graph.facebook.com/me?access_token=${USER_TOKEN}&appsecret_proof=${PROOF}`)
    log.warn('exchange', {
      token: USER_TOKEN,
      nested: { deeper: [{ any: `Bearer ${USER_TOKEN}` }, APP_TOKEN], client_secret: 's3cr3tApPsEcReTvAlUe' },
      url: new URL(`https://graph.facebook.com/oauth/access_token?code=${CODE}&client_secret=s3cr3tApPsEcReTvAlUe`),
      passphrase: 'hunter2-passphrase',
      error: failure,
    })
    log.error('app token', { value: APP_TOKEN, body: JSON.stringify({ access_token: USER_TOKEN }) })
    // What a library writes straight to electron-log (electron-updater's logger) passes the same hook.
    file.raw.info('updater', { headers: { authorization: `Bearer ${USER_TOKEN}` } }, failure)
    file.raw.error(`download of ${USER_TOKEN} failed`)

    const text = readFileSync(file.path, 'utf8')
    expect(text.split('\n').filter(Boolean)).toHaveLength(5)
    expect(text).toContain('[redacted]')
    expect(text).toContain('calling https://graph.facebook.com/me?access_token=[redacted]')
    expectNoSecret(text)
  })

  it('writes files readable by the user only, in a folder only the user can enter', () => {
    const file = openFileLog(join(dir, 'logs', 'main.log'))
    createLogger(file.sink).info('hello')
    expect(mode(file.path)).toBe(0o600)
    expect(mode(join(dir, 'logs'))).toBe(0o700)
  })

  it('tightens a log file another version left readable by others', () => {
    const path = join(dir, 'main.log')
    writeFileSync(path, 'old line\n', { mode: 0o644 })
    chmodSync(path, 0o644)
    const file = openFileLog(path)
    createLogger(file.sink).info('new line')
    expect(mode(path)).toBe(0o600)
    expect(readFileSync(path, 'utf8')).toMatch(/^old line\n.*new line\n$/)
  })

  it('rotates at the size limit into main.old.log, both 0600, and lists them oldest first', () => {
    const file = openFileLog(join(dir, 'main.log'), { maxBytes: 2000 })
    const log = createLogger(file.sink)
    for (let i = 0; i < 60; i++) log.info(`line ${i} ${'x'.repeat(60)}`)
    const old = rotatedPath(file.path)
    expect(old).toBe(join(dir, 'main.old.log'))
    expect(existsSync(old)).toBe(true)
    expect(statSync(file.path).size).toBeLessThanOrEqual(2000 + 200)
    expect(mode(old)).toBe(0o600)
    expect(mode(file.path)).toBe(0o600)
    expect(file.files()).toEqual([old, file.path])
    const all = file.files().map((f) => readFileSync(f, 'utf8')).join('')
    expect(all).toContain('line 59 ')
    expect(readFileSync(file.path, 'utf8')).toContain('line 59 ')
  })
})
