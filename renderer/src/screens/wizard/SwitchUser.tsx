/**
 * "Log in as someone else": the login asks Facebook to re-authenticate (auth_type=reauthenticate).
 * The desktop window starts every login with no Facebook session of its own; a browser uses
 * whatever facebook.com session it has, which decides who logs in.
 */
export function SwitchUser({ browser, onSwitch, disabled }: { browser: boolean; onSwitch: () => void; disabled: boolean }) {
  return (
    <p className="note switch-user">
      {browser
        ? 'In this browser, Facebook logs in whoever is logged in to facebook.com here. To log in as someone else, log out of facebook.com in this browser first, or press the button: Facebook asks for the password again, and its “Not you?” link changes the person.'
        : 'The Facebook window starts with no one logged in, each time. To make sure of the person, press the button: Facebook asks for the password again.'}{' '}
      <button type="button" className="link" onClick={onSwitch} disabled={disabled}>
        Log in as someone else
      </button>
    </p>
  )
}
