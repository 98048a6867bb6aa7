import { useEffect, useState, type ReactNode } from 'react'
import type { AppState, Notice } from '../../../preload/api'
import { useAction } from '../state/useAction'
import { ErrorText } from './ErrorText'
import { UnlockVaultForm } from './vault/UnlockVaultForm'
import { PassphraseForm } from './vault/PassphraseForm'

/** Where the banner's passphrase form is, so the start screen can say the same without a second form. */
export const KEEP_FORM_ID = 'keep-tokens'

/**
 * The one storage notice, on every screen while it lasts, in plain words, with its fix where
 * there is one: a passphrase typed right here keeps the tokens, encrypted, from then on.
 */
export function StorageBanner({ storage, offerFix = true }: { storage: AppState['storage']; offerFix?: boolean }) {
  const [fixing, setFixing] = useState(false)
  if ((storage.protection === 'os-keystore' || storage.protection === 'passphrase') && !storage.reason) return null
  if (storage.unlock === 'passphrase') {
    return (
      <>
        <p className="banner banner-warning" role="note">
          <strong>
            <span aria-hidden="true">⚠ </span>Your saved tokens are locked.
          </strong>{' '}
          Their key is kept with a passphrase, and Token Desk was started without it. Until you unlock them, new tokens
          are kept in memory only.
        </p>
        <UnlockVaultForm />
      </>
    )
  }
  if (storage.scriptPassphrase === 'can-create') {
    const weak = storage.protection === 'weak'
    return (
      <div className="banner banner-warning storage-banner" role="note" aria-labelledby="storage-title">
        <p>
          <strong id="storage-title">
            <span aria-hidden="true">⚠ </span>Your tokens are not saved yet.
          </strong>{' '}
          {weak
            ? `This computer’s keyring (${storage.backend}) would not protect them, so Token Desk keeps them in memory, and they are gone when it stops.`
            : 'This computer has no keyring Token Desk can keep them in, so they are in memory, and gone when Token Desk stops.'}{' '}
          A passphrase fixes this: Token Desk saves them encrypted with it.
        </p>
        {offerFix &&
          (fixing ? (
            <div id={KEEP_FORM_ID}>
              <PassphraseForm id="banner-passphrase" keeps focus submitLabel="Save my tokens with this passphrase" />
              <button type="button" className="link" onClick={() => setFixing(false)}>
                Not now
              </button>
            </div>
          ) : (
            <button type="button" className="secondary" onClick={() => setFixing(true)}>
              Choose a passphrase
            </button>
          ))}
      </div>
    )
  }
  const text =
    storage.protection === 'weak'
      ? storage.persisting
        ? `Tokens are saved with weak protection (${storage.backend}): anyone who can read your files could recover them. You allowed this in Settings.`
        : `This computer has only weak storage (${storage.backend}), so Token Desk keeps tokens in memory only: they are gone when it stops. Settings can allow saving them anyway.`
      : `Token Desk keeps tokens in memory only, and they are gone when it stops. ${storage.reason ?? ''}`.trim()
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

/** How long a success note stays before it fades; the next action ends it sooner (the host drops it). */
export const NOTE_FADES_MS = 12_000

export function NoticeItem({ notice, extra }: { notice: Notice; extra?: ReactNode }) {
  const dismiss = useAction('dismissNotice')
  const { icon, label } = LEVEL_WORDS[notice.level]
  const { run } = dismiss
  const fades = notice.level === 'info'
  useEffect(() => {
    if (!fades) return
    const timer = setTimeout(() => void run({ id: notice.id }), NOTE_FADES_MS)
    return () => clearTimeout(timer)
  }, [fades, notice.id, run])
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
