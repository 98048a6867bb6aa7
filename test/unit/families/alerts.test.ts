import { describe, expect, it } from 'vitest'
import type { Problem } from '../../../preload/api'
import type { Notice } from '../../../preload/api'
import { shrinkNotices } from '../../../main/core/app/alarms'
import { groupAlerts, type DueEvent } from '../../../main/core/monitor'
import { problemFor } from '../../../main/core/tokens/inspect'
import { dead, login, page, tok } from './tokens'

const died = (tokenId: string, reason: Problem['reason']): DueEvent => ({
  type: 'token-died',
  tokenId,
  key: `${tokenId}:died:${reason}:1`,
  reason,
  problem: problemFor(reason, 190),
})
const T0 = Date.parse('2026-06-01T09:00:00Z')
const DAY = 86_400_000
const due = (tokenId: string, clock: 'expires' | 'data-access', daysLeft: number): DueEvent => ({
  type: 'reminder-due',
  tokenId,
  key: `${tokenId}:${clock}:${daysLeft}:1`,
  clock,
  daysLeft,
  thresholdDays: daysLeft,
  at: T0 + daysLeft * DAY,
})

describe('one alarm per cause', () => {
  it('58 deaths from one password change are one notification that renews them all through the user token', () => {
    const tokens = login('pat', 57, dead('password-changed'))
    const groups = groupAlerts(tokens.map((t) => died(t.id, 'password-changed')), tokens)
    expect(groups).toHaveLength(1)
    expect(groups[0]).toMatchObject({
      kind: 'death',
      familyId: 'pat',
      notification: {
        key: 'pat:died:password-changed:1+57',
        title: 'Your Facebook password changed: 58 tokens stopped',
        body: 'Log in again to renew all of them.',
        tokenId: 'pat',
        action: 'reauthorize',
      },
    })
    expect(groups[0]!.tokenIds).toHaveLength(58)
  })

  it('Pages of one family dying for different reasons: one alarm per cause, a lost role per Page, opening Token Desk', () => {
    const tokens = [tok('u'), page('p1', 'u', dead('no-page-role')), page('p2', 'u', dead('no-page-role')), page('p3', 'u', dead('app-removed')), page('p4', 'u', dead('app-removed'))]
    const groups = groupAlerts([died('p1', 'no-page-role'), died('p2', 'no-page-role'), died('p3', 'app-removed'), died('p4', 'app-removed')], tokens)
    expect(groups.map((g) => [g.tokenIds, g.notification.action, g.notification.tokenId])).toEqual([
      [['p1'], 'open', 'p1'],
      [['p2'], 'open', 'p2'],
      [['p3', 'p4'], 'reauthorize', 'u'],
    ])
    // One token alone keeps the words it always had.
    expect(groups[0]!.notification.title).toBe('“p1” stopped working')
    expect(groups[2]!.notification.title).toBe('The app was removed from your Facebook account: 2 tokens stopped')
  })

  it('reminders for tokens whose clock runs out the same day are one reminder, across families', () => {
    const tokens = [...login('ann', 3), ...login('bob', 1), tok('solo')]
    const shown = [
      ...['ann', 'ann-p01', 'ann-p02', 'ann-p03'].map((id) => due(id, 'data-access', 14)),
      due('bob', 'data-access', 14),
      due('bob', 'expires', 7),
      due('solo', 'expires', 3),
    ]
    const groups = groupAlerts(shown, tokens)
    expect(groups.map((g) => [g.kind, g.tokenIds, g.familyId, g.notification.title])).toEqual([
      ['clock', ['ann', 'ann-p01', 'ann-p02', 'ann-p03', 'bob'], null, 'Data access for 5 tokens ends in 14 days'],
      ['clock', ['bob'], 'bob', '“bob (user token)” stops working in 7 days'],
      ['clock', ['solo'], 'solo', '“solo” stops working in 3 days'],
    ])
    // Across families there is no single login that renews them all: the notification opens Token Desk.
    expect(groups[0]!.notification).toMatchObject({ action: 'open', tokenId: null, key: 'ann:data-access:14:1+4' })
  })

  it('a reminder for tokens that expire together says its words again for the tokens still in it', () => {
    const tokens = [...login('ann', 2), tok('solo', { name: 'Solo' })]
    const [group] = groupAlerts([...['ann', 'ann-p01', 'ann-p02', 'solo'].map((id) => due(id, 'expires', 7))], tokens)
    expect(group!.notification.title).toBe('4 tokens stop working in 7 days')
    expect(group!.reword!(['ann-p01', 'ann-p02', 'solo'], T0)).toBe('3 tokens stop working in 7 days')
    expect(group!.reword!(['solo'], T0)).toBe('“Solo” stops working in 7 days')
    // The banner counts down with the clock, as the rows do: three days on, it says 4.
    expect(group!.reword!(['solo'], T0 + 3 * DAY)).toBe('“Solo” stops working in 4 days')
  })

  it('taking tokens out of notices: a reminder is recounted, another notice keeps its words, an emptied one goes', () => {
    const notices: Notice[] = [
      { id: 'n1', level: 'warning', message: 'old words', tokenIds: ['a', 'b', 'c'] },
      { id: 'n2', level: 'warning', message: 'a rotation waits for its login', tokenIds: ['a', 'd'] },
      { id: 'n3', level: 'warning', message: 'about a alone', tokenIds: ['a'] },
      { id: 'n4', level: 'error', message: 'offline' },
    ]
    const rewordings = new Map([['n1', (ids: readonly string[]) => `${ids.join('+')} expire`]])
    expect(shrinkNotices(notices, ['a'], rewordings)).toEqual([
      { id: 'n1', level: 'warning', message: 'b+c expire', tokenIds: ['b', 'c'] },
      { id: 'n2', level: 'warning', message: 'a rotation waits for its login', tokenIds: ['d'] },
      { id: 'n4', level: 'error', message: 'offline' },
    ])
    // A notice no token left touches is the same object, words and all.
    expect(shrinkNotices(notices, ['z'], rewordings)).toEqual(notices)
  })

  it('one family whose tokens all expire together is renewed through its user token', () => {
    const tokens = login('pat', 3)
    const groups = groupAlerts(tokens.map((t) => due(t.id, 'data-access', 3)), tokens)
    expect(groups.map((g) => g.notification)).toEqual([
      {
        key: 'pat:data-access:3:1+3',
        title: 'Data access for 4 tokens ends in 3 days',
        body: 'Sign in again to renew it for another 90 days. The tokens themselves keep working.',
        tokenId: 'pat',
        action: 'reauthorize',
      },
    ])
  })

  it('a pasted token with no parent and Page tokens whose user token is gone are alarmed about too', () => {
    const [, ...orphans] = login('gone', 2, dead('password-changed'))
    const tokens = [tok('pasted', { name: 'Pasted', ...dead('invalidated') }), ...orphans]
    const groups = groupAlerts([died('pasted', 'invalidated'), ...orphans.map((t) => died(t.id, 'password-changed'))], tokens)
    expect(groups.map((g) => [g.familyId, g.tokenIds, g.notification.title])).toEqual([
      ['pasted', ['pasted'], '“Pasted” stopped working'],
      ['orphans:gone', ['gone-p01', 'gone-p02'], 'Your Facebook password changed: 2 tokens stopped'],
    ])
    // No user token is left to renew the orphans: the login goes through one of the Pages.
    expect(groups[1]!.notification).toMatchObject({ tokenId: 'gone-p01', action: 'reauthorize' })
  })

  it('leaves out tokens removed since the reminder was due', () => {
    expect(groupAlerts([died('removed', 'expired')], [tok('other')])).toEqual([])
  })
})
