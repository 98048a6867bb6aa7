import { useState, type ReactNode } from 'react'
import type { AppState, Input } from '../../../../preload/api'
import { isStopped } from '../../../../main/core/families'
import { ErrorText } from '../../components/ErrorText'
import { DoctorReportView } from '../../components/doctor/DoctorReportView'
import { nowOf } from '../../lib/time'
import { useDesk } from '../../state/desk'
import { useAction } from '../../state/useAction'
import type { View } from '../../state/desk'

const DAY = 86_400_000
/** "A token is about to expire" stops this many days before the user token's end: inside the 7-day reminder. */
const DAYS_BEFORE = 5

interface StoryProps {
  id: string
  title: string
  story: string
  watch: string
  /** The one click that sets the story up; null when it cannot run now (with `blocked` saying why). */
  event: Input<'practice'> | null
  button: string
  blocked?: string
  /** What happened, from the state the click returned, in the words of what to look at. */
  result: (state: AppState) => string
  /** Where the effect shows; the result offers the way there. */
  where?: { view: View; label: string }
  children?: ReactNode
  extra?: (state: AppState) => ReactNode
  /** A story that stays on until switched off: its button is a switch showing its state. */
  pressed?: boolean
}

/** One story: what it is, one click, what to watch for, and its result right here in the card. */
function Story({ id, title, story, watch, event, button, blocked, result, where, children, extra, pressed }: StoryProps) {
  const practice = useAction('practice')
  const { go } = useDesk()
  const [done, setDone] = useState<AppState | null>(null)
  return (
    <li className="card scenario">
      <h3 id={`${id}-title`}>{title}</h3>
      <p>{story}</p>
      <p className="watch">
        <strong>Watch for:</strong> {watch}
      </p>
      {children}
      <div className="actions">
        <button
          type="button"
          className={pressed === undefined ? 'primary' : 'secondary switch'}
          aria-pressed={pressed}
          disabled={practice.pending || event === null}
          onClick={() => event && void practice.run(event).then((s) => s && setDone(s))}
        >
          {button}
          {pressed !== undefined && <span className="switch-state" aria-hidden="true">: {pressed ? 'On' : 'Off'}</span>}
        </button>
        {practice.pending && <span className="note">Setting it up…</span>}
        {event === null && blocked && <span className="note">{blocked}</span>}
      </div>
      <div className="scenario-result" role="status" aria-live="polite">
        {done && (
          <>
            <p>{result(done)}</p>
            {where && (
              <button type="button" className="link" onClick={() => go(where.view)}>
                {where.label}
              </button>
            )}
            {extra?.(done)}
          </>
        )}
      </div>
      <ErrorText error={practice.error} />
    </li>
  )
}

const stoppedCount = (s: AppState): number => s.tokens.filter(isStopped).length

/**
 * Practice as short stories, each one click that sets it up on the simulated Facebook, says what
 * to watch for, and shows its result where the person is looking: in the card they clicked.
 */
export function Scenarios({ state }: { state: AppState }) {
  const now = nowOf(state.practiceNow)
  const pages = state.tokens.filter((t) => t.kind === 'PAGE' && t.profileId)
  const [pageId, setPageId] = useState('')
  const page = pages.find((p) => p.profileId === pageId) ?? pages[0]
  // The user token that expires first among those with more than that left.
  const user = state.tokens
    .filter((t) => t.kind === 'USER' && !t.neverExpires && t.expiresAt && !isStopped(t) && Date.parse(t.expiresAt) - now > DAYS_BEFORE * DAY)
    .sort((a, b) => Date.parse(a.expiresAt!) - Date.parse(b.expiresAt!))[0]
  const daysToMove = user ? Math.ceil((Date.parse(user.expiresAt!) - now) / DAY) - DAYS_BEFORE : 0
  const busy = state.practiceSwitches?.busy ?? false
  const dashboard = { view: 'dashboard' as const, label: 'See it on the dashboard' }
  const none = 'Save a token first: Add token, then come back.'

  return (
    <ul className="scenarios" aria-label="Practice stories">
      <Story
        id="story-password"
        title="Your password changes"
        story="You change your Facebook password, or Facebook resets it after a security check. Every token of that login stops at once, even Page tokens with no expiry date."
        watch="one alert for all of them on the dashboard, with one Log in again button that renews every one."
        event={state.tokens.length ? { action: 'change-password' } : null}
        blocked={none}
        button="Change the password"
        result={(s) => `Done. ${stoppedCount(s)} ${stoppedCount(s) === 1 ? 'token' : 'tokens'} stopped; the dashboard says why and how to fix them.`}
        where={dashboard}
      />
      <Story
        id="story-expiry"
        title="A token is about to expire"
        story={`The simulated clock moves on until your user token has ${DAYS_BEFORE} days left, as if two months had passed.`}
        watch="a reminder at the top, the row's Expiring soon badge, and its Renew button. The tray and notifications say the same in the desktop app."
        event={user && daysToMove > 0 ? { action: 'advance-time', days: daysToMove } : null}
        blocked={state.tokens.some((t) => t.kind === 'USER') ? `Every user token has ${DAYS_BEFORE} days or less left already.` : 'Save a user token first: Add token, then come back.'}
        button={user && daysToMove > 0 ? `Move ${daysToMove} days forward` : 'Move time forward'}
        result={(s) => {
          const soon = s.tokens.filter((t) => t.status === 'expiring').length
          return `Done. It is now ${new Date(s.practiceNow ?? 0).toLocaleDateString(undefined, { dateStyle: 'medium' })}; ${soon} ${soon === 1 ? 'token expires' : 'tokens expire'} soon.`
        }}
        where={dashboard}
      />
      <Story
        id="story-page-role"
        title="A Page admin removes you"
        story="Someone who runs one of your Pages takes away your role on it. That Page's token stops; everything else keeps working."
        watch="that Page's row says it stopped and why, its family's badge says how many of how many stopped, and the fix is to ask for the role back, then check again."
        event={page?.profileId ? { action: 'remove-page-role', pageId: page.profileId } : null}
        blocked="Save Page tokens first: Add token > Manage Pages."
        button={page ? `Remove my role on ${page.name}` : 'Remove my role on a Page'}
        result={(s) => `Done. ${stoppedCount(s)} of ${s.tokens.length} tokens stopped.`}
        where={dashboard}
      >
        {pages.length > 1 && (
          <p className="snippet">
            <label htmlFor="story-page">Page</label>
            <select id="story-page" value={page?.profileId ?? ''} onChange={(e) => setPageId(e.target.value)}>
              {pages.map((p) => (
                <option key={p.id} value={p.profileId ?? ''}>
                  {p.name}
                </option>
              ))}
            </select>
          </p>
        )}
      </Story>
      <Story
        id="story-busy"
        title="Facebook is busy"
        story="Facebook answers “too many calls” to every check until you switch it off again."
        watch="the checks wait and try again later, a notice says so, and no token is marked dead for it."
        event={{ action: 'throttle', on: !busy }}
        button="Facebook is busy"
        pressed={busy}
        result={(s) => (s.practiceSwitches?.busy ? 'Facebook is busy now. Check all now on the dashboard to see the checks wait.' : 'Facebook answers normally again.')}
        where={dashboard}
      />
      <Story
        id="story-misconfigured"
        title="Your app is misconfigured"
        story="The app's settings in the App Dashboard no longer list the address Token Desk logs in with, the most common setup mistake."
        watch="the app check names it first, with the place to fix it; a login then ends on “URL Blocked”, explained. Repair it below, under Break my app."
        event={{ action: 'break-app', what: 'redirect-uri' }}
        button="Break the redirect URI"
        result={() => 'Done. The app check:'}
        where={{ view: 'wizard', label: 'Try a login in Add token' }}
        extra={(s) => s.doctor && <DoctorReportView report={s.doctor} only={['failure', 'warning']} headingLevel={4} />}
      />
      <Story
        id="story-bigger"
        title="A bigger business"
        story="Your login gets 54 more Pages, as someone who runs ads for a few brands has. Facebook then lists them 25 at a time."
        watch="a new login in Add token lists all of them, and the dashboard keeps them in one family you can search."
        event={{ action: 'add-pages', count: 54 }}
        button="Add 54 Pages"
        result={() => 'Done. Log in again in Add token to keep tokens for them.'}
        where={{ view: 'wizard', label: 'Go to Add token' }}
      />
    </ul>
  )
}
