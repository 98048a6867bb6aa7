import type { Logger, Notification as CoreNotification } from '../core/ports'
import type { Listener } from './listener'

export interface NotificationLike {
  on(event: string, listener: Listener): unknown
  show(): void
}

export interface NotificationClassLike {
  new (options: { title: string; body: string; silent?: boolean }): NotificationLike
  isSupported(): boolean
}

/**
 * OS notifications, each key shown once per run: the core gives a stable key per token and
 * reason, so a reminder or a death is never repeated. A click runs the notification's action.
 */
export function createNotifier<N extends Pick<CoreNotification, 'key' | 'title' | 'body'> = CoreNotification>(
  Notification: NotificationClassLike,
  onClick: (notification: N) => void,
  log: Logger,
): { notify(notification: N): void; showing(): number } {
  const seen = new Set<string>()
  // Shown notifications are kept until closed: a collected one loses its click handler.
  const alive = new Set<NotificationLike>()
  let refusedBefore = false
  return {
    showing: () => alive.size,
    notify: (n) => {
      if (seen.has(n.key)) return
      seen.add(n.key)
      if (!Notification.isSupported()) {
        log.info('notifications are not supported here', { key: n.key })
        return
      }
      const shown = new Notification({ title: n.title, body: n.body })
      alive.add(shown)
      shown.on('click', () => onClick(n))
      shown.on('close', () => alive.delete(shown))
      // macOS and Windows: the system refused it. An unsigned macOS build gets this for every
      // notification (Electron 42+ shows them through UNNotification, which needs a signature).
      shown.on('failed', (_event: unknown, error: unknown) => {
        alive.delete(shown)
        const fields = { key: n.key, error: String(error) }
        if (refusedBefore) return log.info('a notification could not be shown', fields)
        refusedBefore = true
        log.warn('a notification could not be shown; reminders still show in the window and on the tray icon', fields)
      })
      shown.show()
    },
  }
}
