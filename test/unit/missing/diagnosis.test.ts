/**
 * Every case of graph-api-doctor.md §2.6, decided from facts built out of §2's captures: the
 * debug_token examples with and without target_ids, the /me/accounts shapes, the trypost report,
 * the "(#200) Ad account owner has NOT grant" answer and the account_status tables.
 */
import { describe, expect, it } from 'vitest'
import { MISSING_CASES, type MissingCase, type MissingDiagnosis } from '../../../preload/api'
import { diagnoseAdAccount, diagnosePage, statusWords, type AdAccountFacts, type PageFacts } from '../../../main/core/missing'
import { expectPlainWords } from '../../abuse/support/app'

const PAGE_1 = '103455271248220'
const PAGE_2 = '109004958110000'
const PAGE_3 = '4225'
const BIZ = { businessId: '123456789', businessName: 'My Biz', relation: 'owned' as const }

/** debug_token's official example: pages_show_list limited to two Pages (§2.1). */
const page = (extra: Partial<PageFacts>): PageFacts => ({
  query: PAGE_3,
  id: PAGE_3,
  name: null,
  blocked: false,
  scopes: ['pages_show_list', 'public_profile'],
  businessesRead: false,
  business: null,
  targets: [PAGE_1, PAGE_2],
  listed: null,
  personal: { kind: 'not-tried' },
  visible: { kind: 'read', value: { name: 'Cisco Dog Page' } },
  ...extra,
})

const account = (extra: Partial<AdAccountFacts>): AdAccountFacts => ({
  query: 'act_1234567890',
  id: '1234567890',
  name: 'Main',
  blocked: false,
  scopes: ['ads_read', 'ads_management', 'business_management'],
  businessesRead: true,
  business: null,
  targets: null,
  listed: null,
  node: { kind: 'not-tried' },
  ...extra,
})

const seen = new Set<MissingCase>()
function expectCase(d: MissingDiagnosis, want: MissingCase, action?: MissingDiagnosis['action']): void {
  expect(d.case).toBe(want)
  if (action) expect(d.action).toBe(action)
  for (const text of [d.title, d.reason, d.fix, ...d.evidence]) expect(text.trim()).not.toBe('')
  expectPlainWords(d.reason)
  expectPlainWords(d.fix)
  // Evidence names what was read (debug_token, /me/accounts): a sentence, never a token or raw JSON.
  for (const line of d.evidence) expect(line).toMatch(/^[^{}[\]]+\.$/)
  seen.add(want)
}

describe('a missing Page', () => {
  it('is the app, when Facebook says "API access blocked."', () => {
    expectCase(diagnosePage(page({ blocked: true })), 'app-blocked', 'none')
  })

  it('needs pages_show_list first (the capture with public_profile only)', () => {
    expectCase(diagnosePage(page({ scopes: ['public_profile'], targets: null })), 'permission-not-granted', 'rerequest')
  })

  it('is probably not selected when a name is not found and the login covers chosen Pages only', () => {
    const d = diagnosePage(page({ query: 'Unknown Cafe', id: null, visible: { kind: 'not-tried' } }))
    expectCase(d, 'not-selected', 'rerequest')
    expect(d.asset).toBeNull()
    expect(d.reason).toMatch(/only 2 Pages were ticked/)
  })

  it('is not found by a name nobody has; without business_management the fix adds it', () => {
    const facts = page({ query: 'Unknown Cafe', id: null, targets: null, visible: { kind: 'not-tried' } })
    const d = diagnosePage(facts)
    expectCase(d, 'not-found', 'rerequest-business')
    expect(d.reason).toContain('Unknown Cafe')
    expectCase(diagnosePage({ ...facts, businessesRead: true, scopes: [...facts.scopes, 'business_management'] }), 'not-found', 'none')
  })

  it('is in the list (the manage-pages capture), and says when its tasks cannot post', () => {
    const d = diagnosePage(page({ targets: null, listed: { tasks: ['ANALYZE', 'ADVERTISE', 'MODERATE', 'CREATE_CONTENT'], hasToken: true } }))
    expectCase(d, 'listed', 'none')
    expect(d.reason).toMatch(/analyze, advertise, moderate, create content\.$/)
    expect(diagnosePage(page({ targets: null, listed: { tasks: ['ANALYZE'], hasToken: true } })).reason).toMatch(/not post as it/)
  })

  it('has too few tasks when listed without a Page token', () => {
    expectCase(diagnosePage(page({ targets: null, listed: { tasks: ['ANALYZE'], hasToken: false } })), 'weak-tasks', 'none')
  })

  it('was not selected at login when target_ids leave it out: the fix is one re-request login', () => {
    const d = diagnosePage(page({}))
    expectCase(d, 'not-selected', 'rerequest')
    expect(d.fix).toMatch(/auth_type=rerequest/)
    expect(d.evidence[0]).toBe('debug_token: pages_show_list was granted for 2 chosen Pages (target_ids), not this one.')
  })

  it('is not visible at all when Graph refuses even its public fields', () => {
    expectCase(diagnosePage(page({ visible: { kind: 'refused', code: 100, message: 'Unsupported get request.' } })), 'not-visible', 'none')
    expectCase(diagnosePage(page({ targets: null, businessesRead: true, personal: { kind: 'refused', code: 100, message: 'x' }, visible: { kind: 'refused', code: 100, message: 'x' } })), 'not-visible', 'none')
  })

  it('is reached through a business, readable directly: Token Desk adds it', () => {
    const d = diagnosePage(page({ targets: null, scopes: ['pages_show_list', 'business_management'], businessesRead: true, business: BIZ, personal: { kind: 'read', value: { tasks: ['MANAGE'] } } }))
    expectCase(d, 'through-business', 'add-page')
    expect(d.reason).toContain('My Biz')
  })

  it('is in a business you have no task in', () => {
    expectCase(diagnosePage(page({ targets: null, businessesRead: true, business: { ...BIZ, relation: 'client' }, personal: { kind: 'refused', code: 100, message: 'x' } })), 'business-no-task', 'none')
  })

  it('is probably through a business when business_management was not granted', () => {
    expectCase(diagnosePage(page({ targets: null })), 'through-business', 'rerequest-business')
  })

  it('is covered and yours yet missing from /me/accounts (the trypost report): read it directly', () => {
    // "all granted scoped to the Page's id", /me/accounts "came back empty", the Page node worked.
    const d = diagnosePage(page({ targets: [PAGE_3], scopes: ['pages_show_list', 'pages_read_engagement', 'pages_manage_posts', 'business_management'], businessesRead: true, personal: { kind: 'read', value: { tasks: ['CREATE_CONTENT'] } } }))
    expectCase(d, 'read-directly', 'add-page')
  })

  it('is visible but not yours', () => {
    expectCase(diagnosePage(page({ targets: null, businessesRead: true, personal: { kind: 'refused', code: 100, message: 'x' } })), 'no-role', 'none')
  })
})

describe('a missing ad account', () => {
  it('is the app, or a missing ads permission', () => {
    expectCase(diagnoseAdAccount(account({ blocked: true })), 'app-blocked')
    expectCase(diagnoseAdAccount(account({ scopes: ['pages_show_list'] })), 'permission-not-granted', 'rerequest')
  })

  it('is not found by name, with or without the businesses searched', () => {
    expectCase(diagnoseAdAccount(account({ query: 'Nope', id: null })), 'not-found', 'none')
    expectCase(diagnoseAdAccount(account({ query: 'Nope', id: null, businessesRead: false })), 'not-found', 'rerequest-business')
  })

  it('is listed and active (the assembled example)', () => {
    const d = diagnoseAdAccount(account({ listed: { status: 1, disableReason: 0 } }))
    expectCase(d, 'listed')
    expect(d.status).toBe('Active')
  })

  it.each<[number, number, string, RegExp]>([
    [2, 1, 'Disabled: ads integrity policy', /Account Quality/],
    [2, 15, 'Disabled: compromised ad account', /request a review/],
    [3, 0, 'Unsettled (a payment is due)', /Pay the outstanding balance/],
    [7, 0, 'Pending risk review', /Meta’s review/],
    [100, 0, 'Pending closure', /cancel the closure/],
    [101, 7, 'Closed: closed for good', /cannot run ads/],
    [202, 0, 'Closed (any)', /Ads Manager/],
  ])('is not active: account_status %i, disable_reason %i', (status, reason, words, fix) => {
    const d = diagnoseAdAccount(account({ listed: { status, disableReason: reason } }))
    expectCase(d, 'inactive', 'none')
    expect(d.status).toBe(words)
    expect(d.title).toBe(`Not active: ${words}`)
    expect(d.fix).toMatch(fix)
  })

  it('can still run ads in settlement or grace, and says so', () => {
    for (const status of [8, 9]) {
      const d = diagnoseAdAccount(account({ listed: { status, disableReason: 0 } }))
      expectCase(d, 'inactive')
      expect(d.reason).toMatch(/Ads can still run\./)
    }
  })

  it('shows unknown statuses and reasons raw', () => {
    expect(statusWords(4, 0)).toBe('Status 4')
    expect(statusWords(2, 16)).toBe('Disabled: reason 16')
  })

  it('is reached through a business, read directly with its status', () => {
    const d = diagnoseAdAccount(account({ business: { ...BIZ, relation: 'client' }, node: { kind: 'read', value: { status: 1, disableReason: 0 } } }))
    expectCase(d, 'through-business', 'none')
    expect(d.status).toBe('Active')
  })

  it('was not selected at login, whether target_ids carry act_ or not', () => {
    expectCase(diagnoseAdAccount(account({ targets: ['101010101'] })), 'not-selected', 'rerequest')
    // The gatherer strips act_ from target_ids; an account in them is covered.
    expectCase(diagnoseAdAccount(account({ targets: ['1234567890'], node: { kind: 'refused', code: 200, message: 'x' } })), 'no-access')
  })

  it('is visible but not readable ("(#200) Ad account owner has NOT grant…")', () => {
    const refused = { kind: 'refused' as const, code: 200, message: '(#200) Ad account owner has NOT grant ads_management or ads_read permission' }
    expectCase(diagnoseAdAccount(account({ node: refused })), 'no-access', 'rerequest')
    expectCase(diagnoseAdAccount(account({ node: refused, business: BIZ })), 'no-access', 'none')
  })

  it('is probably through a business when business_management was not granted', () => {
    expectCase(diagnoseAdAccount(account({ scopes: ['ads_read'], businessesRead: false, node: { kind: 'refused', code: 100, message: 'x' } })), 'through-business', 'rerequest-business')
  })

  it('is in a business you have no task in, or not visible at all', () => {
    const refused = { kind: 'refused' as const, code: 100, message: 'Unsupported get request.' }
    expectCase(diagnoseAdAccount(account({ business: BIZ, node: refused })), 'business-no-task')
    expectCase(diagnoseAdAccount(account({ node: refused })), 'not-visible')
  })
})

describe('coverage', () => {
  it('reaches every case', () => {
    expect([...seen].sort()).toEqual([...MISSING_CASES].sort())
  })
})
