import { describe, expect, it } from 'vitest'
import { groupFamilies, groupProblems, sortFamilies } from '../../../main/core/families'
import { dead, login, page, tok } from './tokens'

const problems = (tokens: Parameters<typeof groupFamilies>[0]) => groupProblems(sortFamilies(groupFamilies(tokens), 'name'))

describe('problems grouped by cause and family', () => {
  it('a password change that ends a user token and its 57 Page tokens is one problem', () => {
    const groups = problems(login('pat', 57, dead('password-changed')))
    expect(groups.map((g) => [g.key, g.familyId, g.reason, g.fix, g.tokenIds.length])).toEqual([['p:pat:password-changed', 'pat', 'password-changed', 'reauthenticate', 58]])
    expect(groups[0]!.message).toBe('Your Facebook password changed: 58 tokens stopped. Log in again to renew all of them.')
  })

  it('the same cause in two families is two problems, each renewed by its own login', () => {
    const groups = problems([...login('ann', 2, dead('app-removed')), ...login('bob', 1, dead('app-removed'))])
    expect(groups.map((g) => [g.familyId, g.tokenIds])).toEqual([
      ['ann', ['ann', 'ann-p01', 'ann-p02']],
      ['bob', ['bob', 'bob-p01']],
    ])
  })

  it('a family whose Pages die for different reasons has one problem per cause, and a lost role per Page', () => {
    const tokens = [
      tok('u', { name: 'Sam (user token)' }),
      page('p1', 'u', { name: 'Bakery', ...dead('no-page-role') }),
      page('p2', 'u', { name: 'Market', ...dead('no-page-role') }),
      page('p3', 'u', { name: 'Cafe', ...dead('invalidated') }),
      page('p4', 'u', { name: 'Books', ...dead('invalidated') }),
      page('p5', 'u', { name: 'Shop' }),
    ]
    const groups = problems(tokens)
    expect(groups.map((g) => [g.key, g.tokenIds])).toEqual([
      ['p:u:no-page-role:p1', ['p1']],
      ['p:u:invalidated', ['p4', 'p3']],
      ['p:u:no-page-role:p2', ['p2']],
    ])
    expect(groups.map((g) => g.message)).toEqual([
      'You no longer have a role on the Page: “Bakery” stopped. Ask an admin of the Page to give you a role again, then check again.',
      'Access was revoked at Facebook: 2 tokens stopped. Log in again to renew all of them.',
      'You no longer have a role on the Page: “Market” stopped. Ask an admin of the Page to give you a role again, then check again.',
    ])
  })

  it('a pasted token that stopped is a problem of its own', () => {
    const groups = problems([tok('pasted', { name: 'From the Explorer', ...dead('expired') }), ...login('ok', 2)])
    expect(groups.map((g) => [g.key, g.message])).toEqual([['p:pasted:expired', '“From the Explorer” has expired. Log in again to renew it.']])
  })

  it('Page tokens whose user token is gone still make one problem for one cause', () => {
    const [, ...pages] = login('gone', 4, dead('password-changed'))
    const groups = problems(pages)
    expect(groups.map((g) => [g.key, g.familyId, g.tokenIds.length])).toEqual([['p:orphans:gone:password-changed', 'orphans:gone', 4]])
    expect(groups[0]!.key.length).toBeLessThanOrEqual(128)
  })

  it('no stopped token, no problem', () => {
    expect(problems([...login('a', 3), tok('s', { status: 'expiring' })])).toEqual([])
  })
})
