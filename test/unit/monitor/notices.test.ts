import { describe, expect, it } from 'vitest'
import { deathNotification, reminderNotification } from '../../../main/core/monitor'
import { problems } from './fakes'

const due = (clock: 'expires' | 'data-access', daysLeft: number) =>
  ({ type: 'reminder-due', tokenId: 'a', key: `a:${clock}:${daysLeft}:1`, clock, daysLeft, thresholdDays: daysLeft, at: 1 }) as const

describe('plain words for reminders', () => {
  it.each([
    ['expires', 7, '“Ads” stops working in 7 days'],
    ['expires', 1, '“Ads” stops working within a day'],
    ['expires', 0, '“Ads” stops working today'],
    ['data-access', 3, 'Data access for “Ads” ends in 3 days'],
    ['data-access', 0, 'Data access for “Ads” has ended'],
  ] as const)('%s with %i days left', (clock, days, title) => {
    const n = reminderNotification(due(clock, days), 'Ads')
    expect(n).toMatchObject({ key: `a:${clock}:${days}:1`, tokenId: 'a', title, action: 'reauthorize' })
    expect(n.body.length).toBeGreaterThan(20)
  })

  it('tells the fix with the reason, and opens the app when the fix is on facebook.com', () => {
    const died = (problem: (typeof problems)[keyof typeof problems]) =>
      deathNotification({ type: 'token-died', tokenId: 'a', key: 'k', reason: problem.reason, problem }, 'Ads')
    expect(died(problems.password)).toEqual({
      key: 'k',
      tokenId: 'a',
      title: '“Ads” stopped working',
      body: `${problems.password.message} Sign in again to get a new token.`,
      action: 'reauthorize',
    })
    expect(died(problems.checkpoint)).toMatchObject({ action: 'open', body: expect.stringContaining('facebook.com') as unknown })
  })
})
