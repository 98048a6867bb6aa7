import { describe, expect, it } from 'vitest'
import { groupFamilies, ORPHANS_NAME, sortFamilies, summarize, summaryLine } from '../../../main/core/families'
import { at, dead, login, page, tok } from './tokens'

const shape = (tokens: Parameters<typeof groupFamilies>[0]) =>
  sortFamilies(groupFamilies(tokens), 'name').map((f) => [f.id, f.kind, f.members.map((m) => m.id)])

describe('families', () => {
  it('puts a user token with the Page tokens made from it, and every token in exactly one family', () => {
    const tokens = [...login('ann', 3), ...login('bob', 2), tok('sys', { kind: 'SYSTEM_USER', name: 'Reporting system user' })]
    const families = groupFamilies(tokens)
    expect(shape(tokens)).toEqual([
      ['ann', 'login', ['ann', 'ann-p01', 'ann-p02', 'ann-p03']],
      ['bob', 'login', ['bob', 'bob-p01', 'bob-p02']],
      ['sys', 'alone', ['sys']],
    ])
    expect(families.flatMap((f) => f.members).map((m) => m.id).sort()).toEqual(tokens.map((t) => t.id).sort())
    const ann = families.find((f) => f.id === 'ann')!
    expect([ann.name, ann.head?.id, ann.pages.map((p) => p.id)]).toEqual(['ann (user token)', 'ann', ['ann-p01', 'ann-p02', 'ann-p03']])
  })

  it('keeps a pasted token with no parent on its own, whatever its kind', () => {
    const pastedPage = page('pasted-page', null, { name: 'A pasted Page token' })
    const pastedUser = tok('pasted-user', { name: 'From Graph API Explorer' })
    const families = groupFamilies([pastedPage, pastedUser])
    expect(families.map((f) => [f.id, f.kind, f.head?.id, f.pages.length])).toEqual([
      ['pasted-page', 'alone', 'pasted-page', 0],
      ['pasted-user', 'alone', 'pasted-user', 0],
    ])
  })

  it('keeps Page tokens together when their user token is gone', () => {
    const [, ...pages] = login('gone', 3)
    const families = groupFamilies([...pages, page('other', 'also-gone')])
    const orphans = sortFamilies(families, 'name')
    expect(orphans.map((f) => [f.id, f.kind, f.name, f.head, f.members.map((m) => m.id)])).toEqual([
      ['orphans:also-gone', 'orphans', ORPHANS_NAME, null, ['other']],
      ['orphans:gone', 'orphans', ORPHANS_NAME, null, ['gone-p01', 'gone-p02', 'gone-p03']],
    ])
  })

  it('shows the worst state and the nearest deadline of either clock among the tokens still working', () => {
    const tokens = [
      tok('u', { expiresAt: at(40), dataAccessExpiresAt: at(12), status: 'expiring' }),
      page('p1', 'u', { dataAccessExpiresAt: at(30) }),
      page('p2', 'u', { ...dead('no-page-role'), dataAccessExpiresAt: at(1) }),
    ]
    const [family] = groupFamilies(tokens)
    expect(family!.status).toBe('dead')
    // p2 is dead: its data-access clock no longer counts.
    expect(family!.deadline).toEqual({ at: at(12), clock: 'data-access', tokenId: 'u' })
  })

  it('a token caught in a parent loop stands alone instead of joining two families', () => {
    const tokens = [page('a', 'b'), page('b', 'a')]
    expect(shape(tokens)).toEqual([
      ['a', 'alone', ['a']],
      ['b', 'alone', ['b']],
    ])
  })

  it('sorts stopped families first, then by the nearest deadline, or by name', () => {
    const tokens = [
      tok('zed', { name: 'Zed', expiresAt: at(3), status: 'expiring' }),
      tok('amy', { name: 'Amy', expiresAt: at(50) }),
      tok('max', { name: 'Max', ...dead('expired') }),
      tok('bea', { name: 'Bea', expiresAt: at(20), dataAccessExpiresAt: null }),
    ]
    expect(sortFamilies(groupFamilies(tokens), 'deadline').map((f) => f.name)).toEqual(['Max', 'Zed', 'Bea', 'Amy'])
    expect(sortFamilies(groupFamilies(tokens), 'name').map((f) => f.name)).toEqual(['Amy', 'Bea', 'Max', 'Zed'])
  })
})

describe('the one fix of a family', () => {
  it('renews a whole family through its user token when a login fixes the problem', () => {
    const tokens = login('ann', 57, dead('password-changed'))
    const [family] = groupFamilies(tokens)
    expect(family!.fix).toEqual({ kind: 'reauthenticate', tokenId: 'ann', covers: 58 })
  })

  it('checks again after a lost Page role, and asks for a new paste for a dead system-user token', () => {
    const roles = groupFamilies([tok('u'), page('p1', 'u', dead('no-page-role')), page('p2', 'u')])[0]!
    expect(roles.fix).toEqual({ kind: 'fix-page-role', tokenId: 'p1', covers: 1 })
    const system = groupFamilies([tok('s', { kind: 'SYSTEM_USER', ...dead('invalidated') })])[0]!
    expect(system.fix).toEqual({ kind: 'repaste', tokenId: 's', covers: 1 })
  })

  it('renews a system-user token Token Desk minted through an admin login, and still asks for a paste of one it did not', () => {
    const systemUser = { businessId: '1001', id: '2002', name: 'Reporting Server' }
    const expiring = groupFamilies([tok('m', { kind: 'SYSTEM_USER', status: 'expiring', systemUser })])[0]!
    expect(expiring.fix).toEqual({ kind: 'renew', tokenId: 'm', covers: 1 })
    const revoked = groupFamilies([tok('m', { kind: 'SYSTEM_USER', systemUser, ...dead('invalidated') })])[0]!
    expect(revoked.fix).toEqual({ kind: 'reauthorize', tokenId: 'm', covers: 1 })
    const pasted = groupFamilies([tok('p', { kind: 'SYSTEM_USER', status: 'expiring' })])[0]!
    expect(pasted.fix).toEqual({ kind: 'repaste', tokenId: 'p', covers: 1 })
  })

  it('offers Renew for a family that only expires soon, and nothing for a healthy one', () => {
    expect(groupFamilies([tok('u', { status: 'expiring' }), page('p', 'u')])[0]!.fix).toEqual({ kind: 'renew', tokenId: 'u', covers: 1 })
    expect(groupFamilies(login('ok', 2))[0]!.fix).toBeNull()
  })
})

describe('the summary', () => {
  it('counts what works, what needs attention soon, what stopped and what is not checked yet', () => {
    const tokens = [...login('ann', 56), tok('soon', { status: 'expiring' }), tok('gone', dead('expired')), tok('new', { status: 'unknown' })]
    const s = summarize(tokens)
    expect(s).toEqual({ total: 60, working: 57, soon: 1, stopped: 1, unchecked: 1 })
    expect(summaryLine(s, '1 Jun 2026, 09:00')).toBe(
      '60 tokens: 57 work, 1 needs attention soon, 1 stopped, 1 not checked yet. Last check: 1 Jun 2026, 09:00.',
    )
    expect(summaryLine(summarize(login('ann', 57)), null)).toBe('58 tokens: 58 work, none need attention soon, none stopped. No check has run yet.')
    expect(summaryLine(summarize([]), null)).toBe('No tokens yet.')
  })
})
