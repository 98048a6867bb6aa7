/** The few words the host answers with by itself. Plain text: nothing here can inject markup. */

export const NEEDS_LAUNCH_URL =
  'Token Desk needs the newest address that `token-desk serve` printed in its terminal (it ends with #key=...). ' +
  'Open that address in this browser. If you closed the terminal, run `token-desk serve` again.\n'

export const TICKET_SPENT =
  'This login window was not opened by Token Desk, or it was opened too long ago. Close it and press the login button in Token Desk again.\n'

export const WRONG_HOST = 'Token Desk answers only at 127.0.0.1 or localhost on its own port.\n'

export const FOREIGN_ORIGIN = 'Token Desk accepts changes only from its own page.\n'

export const NO_LOGIN_WAITING =
  'No Facebook login is waiting. Close this window and press the login button in Token Desk again.\n'

export const NOT_FOUND = 'Not found.\n'

/** The end of a popup login: the script file closes it (the CSP allows no inline script). */
export const LOGIN_DONE_HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Token Desk login</title><script src="/login/close.js" defer></script></head>
<body><p>The login is done. You can close this window.</p></body>
</html>
`

export const CLOSE_SCRIPT = 'window.close()\n'
