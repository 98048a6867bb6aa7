/**
 * On the start screen, beside the classic practice app: a new Business app, as Meta makes one
 * for the Marketing API today, whose login goes through Facebook Login for Business
 * configurations (login-for-business.md §1).
 */
export function BusinessPracticeOption({ run, pending }: { run: () => void; pending: boolean }) {
  return (
    <p className="note">
      Apps made for the Marketing API today log in through Facebook Login for Business.{' '}
      <button type="button" className="link" onClick={run} disabled={pending}>
        Practise with a new Business app
      </button>
    </p>
  )
}
