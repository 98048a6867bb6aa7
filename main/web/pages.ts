import { escapeHtml } from '../core/sandbox/html'

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

/** The login popup's own pages' look, served as a file: the CSP allows no inline style. */
export const POPUP_STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f5f6f8;color:#1b1f24}
main{max-width:34rem;margin:2rem auto;background:#fff;border:1px solid #c9ced6;border-radius:10px;padding:1.25rem 1.5rem}
h1{font-size:1.3rem;margin:0 0 .75rem}
p{margin:.5rem 0}
@media (prefers-color-scheme: dark){body{background:#14171c;color:#e8eaed}main{background:#1d2128;border-color:#434a56}}
`

/**
 * A page of the login popup (a refusal Facebook would have shown, or no login waiting), as a
 * small HTML document with a language, a title and a heading; its text is escaped, paragraph by
 * paragraph (blank lines), so nothing in it can carry markup.
 */
export function popupPage(title: string, text: string): string {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n')
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Token Desk</title><link rel="stylesheet" href="/login/page.css"></head>
<body><main><h1>${escapeHtml(title)}</h1>
${paragraphs}
</main></body>
</html>
`
}

/** The end of a popup login: the script file closes it (the CSP allows no inline script). */
export const LOGIN_DONE_HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Token Desk login</title><link rel="stylesheet" href="/login/page.css"><script src="/login/close.js" defer></script></head>
<body><main><h1>The login is done</h1><p>You can close this window.</p></main></body>
</html>
`

export const CLOSE_SCRIPT = 'window.close()\n'
