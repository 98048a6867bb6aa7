import type { ReactNode } from 'react'
import type { AppState, Notice } from '../../../preload/api'
import { useAction } from '../state/useAction'
import { ErrorText } from './ErrorText'
import { UnlockVaultForm } from './vault/UnlockVaultForm'

/** Weak storage stays visible on every screen for as long as it lasts. */
export function StorageBanner({ storage }: { storage: AppState['storage'] }) {
  if (storage.protection === 'os-keystore' || storage.protection === 'passphrase') return null
  if (storage.unlock === 'passphrase') {
    return (
      <>
        <p className="banner banner-warning" role="note">
          <strong>
            <span aria-hidden="true">⚠ </span>Storage:
          </strong>{' '}
          Your saved tokens are locked: their key is kept with a passphrase, and Token Desk was started without it. Until
          you unlock them, new tokens are kept in memory only.
        </p>
        <UnlockVaultForm />
      </>
    )
  }
  const text =
    storage.protection === 'unavailable'
      ? 'This computer has no secure storage, so Token Desk keeps tokens in memory only: they are gone when it quits.'
      : storage.persisting
        ? `Tokens are saved with weak protection (${storage.backend}): anyone who can read your files could recover them. You allowed this in Settings.`
        : `This computer has only weak storage (${storage.backend}), so Token Desk keeps tokens in memory only: they are gone when it quits. Settings can allow saving them anyway.`
  return (
    <p className="banner banner-warning" role="note">
      <strong>
        <span aria-hidden="true">⚠ </span>Storage:
      </strong>{' '}
      {text}
    </p>
  )
}

export function OfflineBanner({ online }: { online: boolean }) {
  if (online) return null
  return (
    <p className="banner banner-info" role="note">
      <strong>Offline.</strong> Token Desk can’t reach Facebook, so it isn’t checking. Nothing is marked dead while
      offline; checks start again when the network returns.
    </p>
  )
}

const LEVEL_WORDS: Record<Notice['level'], { icon: string; label: string }> = {
  info: { icon: 'ℹ', label: 'Note' },
  warning: { icon: '⚠', label: 'Warning' },
  error: { icon: '✕', label: 'Problem' },
}

/** Alarms are about tokens: they show on the dashboard, and other screens say where they are. */
export const isAlarm = (notice: Notice): boolean => notice.tokenId !== undefined || (notice.tokenIds?.length ?? 0) > 0

export function NoticeItem({ notice, extra }: { notice: Notice; extra?: ReactNode }) {
  const dismiss = useAction('dismissNotice')
  const { icon, label } = LEVEL_WORDS[notice.level]
  return (
    <li className={`banner banner-${notice.level}`}>
      <p>
        <strong>
          <span aria-hidden="true">{icon} </span>
          {label}:
        </strong>{' '}
        {notice.message}
      </p>
      {extra}
      <button type="button" className="link" onClick={() => void dismiss.run({ id: notice.id })} disabled={dismiss.pending}>
        Dismiss<span className="visually-hidden"> this {label.toLowerCase()}</span>
      </button>
      <ErrorText error={dismiss.error} />
    </li>
  )
}

export function Notices({ notices }: { notices: Notice[] }) {
  if (notices.length === 0) return null
  return (
    <ul className="notices" aria-label="Notices" aria-live="polite">
      {notices.map((notice) => (
        <NoticeItem key={notice.id} notice={notice} />
      ))}
    </ul>
  )
}

/** On every screen but the dashboard: one line that says how many alerts wait there. */
export function AlarmLine({ count, onGo }: { count: number; onGo: () => void }) {
  if (count === 0) return null
  return (
    <p className="banner banner-error alarm-line" role="note">
      <span>
        <strong>
          <span aria-hidden="true">✕ </span>
          {count === 1 ? '1 alert' : `${count} alerts`}
        </strong>{' '}
        about your tokens {count === 1 ? 'is' : 'are'} on the dashboard.
      </span>
      <button type="button" className="link" onClick={onGo}>
        See them on the dashboard
      </button>
    </p>
  )
}
