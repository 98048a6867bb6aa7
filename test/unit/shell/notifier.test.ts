import { describe, expect, it } from 'vitest'
import { createLogger, memorySink, silentLogger } from '../../../main/core/log'
import type { Notification } from '../../../main/core/ports'
import { createNotifier } from '../../../main/shell/notifier'
import { readyFakeElectron } from '../../fakes/electron'

const reminder: Notification = { key: 'tok_1:reminder:7', title: 'Token expires in 7 days', body: 'Ads token', tokenId: 'tok_1', action: 'reauthorize' }
const death: Notification = { key: 'tok_1:dead:password-changed', title: 'Token stopped working', body: 'Password changed', tokenId: 'tok_1', action: 'reauthorize' }

describe('the notifier (R33)', () => {
  it('shows each key once', () => {
    const { Notification } = readyFakeElectron()
    const notifier = createNotifier(Notification, () => undefined, silentLogger)
    notifier.notify(reminder)
    notifier.notify(reminder)
    notifier.notify(death)
    notifier.notify({ ...death, title: 'same key, new words' })
    expect(Notification.instances.map((n) => n.options.title)).toEqual([reminder.title, death.title])
    expect(Notification.instances.every((n) => n.shown)).toBe(true)
  })

  it('a click runs the action for that notification', () => {
    const { Notification } = readyFakeElectron()
    const clicked: Notification[] = []
    const notifier = createNotifier(Notification, (n) => clicked.push(n), silentLogger)
    notifier.notify(reminder)
    notifier.notify(death)
    Notification.instances[1]!.emit('click')
    expect(clicked).toEqual([death])
  })

  it('checks isSupported and shows nothing where notifications are not supported', () => {
    const { Notification } = readyFakeElectron()
    Notification.supported = false
    const notifier = createNotifier(Notification, () => undefined, silentLogger)
    notifier.notify(reminder)
    expect(Notification.instances).toHaveLength(0)
    // Still counted as seen: no burst when support comes back mid-run.
    Notification.supported = true
    notifier.notify(reminder)
    expect(Notification.instances).toHaveLength(0)
  })
})

describe('a notification the system refuses (issue 18, fault 4)', () => {
  it('on an unsigned macOS build: `failed` is heard, said once in the log, and the notification is let go', async () => {
    const { Notification } = readyFakeElectron({ platform: 'darwin', signed: false })
    const sink = memorySink()
    const notifier = createNotifier(Notification, () => undefined, createLogger(sink, 'debug'))
    notifier.notify(reminder)
    notifier.notify(death)
    await Promise.resolve()
    const warnings = sink.records.filter((r) => r.level === 'warn')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]!.message).toContain('could not be shown')
    expect(JSON.stringify(warnings[0]!.fields)).toContain('Notifications are not allowed for this application')
    // The second failure is recorded too, without repeating the warning.
    expect(sink.records.filter((r) => r.message.includes('could not be shown')).map((r) => r.fields?.key)).toEqual([reminder.key, death.key])
    expect(notifier.showing()).toBe(0)
  })

  it('a signed build keeps its notifications until they close', async () => {
    const { Notification } = readyFakeElectron({ platform: 'darwin', signed: true })
    const notifier = createNotifier(Notification, () => undefined, silentLogger)
    notifier.notify(reminder)
    await Promise.resolve()
    expect(notifier.showing()).toBe(1)
    Notification.instances[0]!.close()
    expect(notifier.showing()).toBe(0)
  })
})
