/**
 * The doctor's Facebook Login for Business check (login-for-business.md §1, §2) against a
 * scripted Graph: the undocumented app_type and config_ids read as evidence only, whether the
 * app needs a configuration, whether a given Configuration ID is among its own, and whether what
 * the configuration granted serves the purpose.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { readEvidence } from '../../../main/core/doctor/business-login'
import { expectPlainWords } from '../../abuse/support/app'
import { APP_NODE, diagnose, err, type Diagnosis } from './world'

let d: Diagnosis | null = null
afterEach(async () => {
  await d?.h.server.close()
  d = null
})

const withNode = (extra: Record<string, unknown>) => ({ node: { headers: { 'facebook-api-version': 'v27.0' }, body: { ...APP_NODE, ...extra } } })

describe('readEvidence', () => {
  it('reads config_ids in every shape it may have, and app_type as words', () => {
    expect(readEvidence({ app_type: 2, config_ids: [{ id: '111' }, { config_id: 222 }, '333', 444, { name: 'no id' }] })).toEqual({ appType: '2', configIds: ['111', '222', '333', '444'] })
    expect(readEvidence({ config_ids: { data: [{ id: '555' }] } })).toEqual({ appType: null, configIds: ['555'] })
    expect(readEvidence({})).toEqual({ appType: null, configIds: null })
    expect(readEvidence({ config_ids: 'garbage', app_type: { x: 1 } })).toEqual({ appType: null, configIds: null })
  })
})

describe('without a Configuration ID', () => {
  it('passes when nothing says the app needs one, and says when it would', async () => {
    d = await diagnose()
    const f = d.of('login-for-business')
    expect(f.status).toBe('pass')
    expect(f.reason).toMatch(/classic dialog.*Marketing API today use Facebook Login for Business/)
    expectPlainWords(f.reason)
  })

  it('warns when config_ids lists configurations the login does not use', async () => {
    d = await diagnose(withNode({ app_type: 2, config_ids: [{ id: '1234567890123456', name: 'Ads' }] }))
    const f = d.of('login-for-business')
    expect(f.status).toBe('warning')
    expect(f.reason).toMatch(/1 configuration in config_ids \(undocumented fields, read as evidence only\)/)
    expect(f.fix).toMatch(/Configuration ID/)
  })

  it('fails after a refusal reported for Business apps asked with scope', async () => {
    for (const page of ['not-available', 'invalid-scopes', 'config-required', 'blank'] as const) {
      d = await diagnose({}, { dialogPage: page })
      expect(d.of('login-for-business').status, page).toBe('failure')
      expect(d.of('login-for-business').where).toBe('App Dashboard > Facebook Login for Business > Configurations')
      await d.h.server.close()
      d = null
    }
  })
})

describe('with a Configuration ID', () => {
  it('passes when the app lists it, and says Token Desk reads back the grant', async () => {
    d = await diagnose(withNode({ config_ids: [{ id: '1234567890123456' }] }), { configId: '1234567890123456' })
    expect(d.of('login-for-business')).toMatchObject({ status: 'pass' })
    expect(d.of('login-for-business').reason).toMatch(/Facebook lists it among the app’s configurations/)
  })

  it('warns when the app lists others but not it', async () => {
    d = await diagnose(withNode({ config_ids: [{ id: '9999' }] }), { configId: '1234567890123456' })
    const f = d.of('login-for-business')
    expect(f.status).toBe('warning')
    expect(f.reason).toMatch(/1234567890123456 is not among the app’s configurations Facebook lists \(9999\)/)
  })

  it('warns when its last grant cannot serve the purpose, naming what is missing and the fix', async () => {
    d = await diagnose({}, { configId: '42', configGranted: ['ads_read', 'pages_show_list'] })
    const f = d.of('login-for-business')
    expect(f.status).toBe('warning')
    expect(f.reason).toMatch(/to manage ads it also needs ads_management, business_management, pages_read_engagement/)
    expect(f.fix).toMatch(/^Edit the configuration .* add ads_management, business_management, pages_read_engagement, save, and log in again\.$/)
  })

  it('leaves “Config ID is invalid” to the dialog check (one cause, one finding)', async () => {
    d = await diagnose({}, { configId: '42', dialogPage: 'config-invalid' })
    expect(d.of('login-for-business').status).toBe('skipped')
    expect(d.of('login-dialog').status).toBe('failure')
  })

  it('blames no configuration when the app record cannot be read', async () => {
    d = await diagnose({ node: err(2, 'An unexpected error has occurred.', 'OAuthException', 500) }, { configId: '42' })
    expect(d.of('login-for-business').status).toBe('pass')
  })
})
