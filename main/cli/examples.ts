import { DEFAULT_API_VERSION } from '../../preload/versions'

/** One example in `token-desk COMMAND --help`: what it is for, then the lines to type. */
export interface Example {
  says: string
  lines: readonly string[]
}

/**
 * The examples of every command, by its name: `--help` prints them after the command's own text.
 * A new command adds its entry here (test/integration/cli/first-hour.test.ts asks every command
 * in the table for one). Tokens always come in on standard input or a file, as in real use.
 */
export const EXAMPLES: Readonly<Record<string, readonly Example[]>> = {
  inspect: [
    { says: 'What Graph says about a token: type, expiry, scopes, and why it stopped working', lines: ['token-desk inspect < token.txt'] },
    { says: 'Only its expiry, in a script', lines: ['token-desk inspect --json < token.txt | jq -r .expiresAt'] },
  ],
  extend: [
    { says: 'A short-lived user token (from the Graph API Explorer) made long-lived, kept in a file', lines: ['token-desk extend --json < short.txt | jq -r .token > long.txt'] },
    { says: 'The same, stored in the vault under a name instead', lines: ['token-desk extend --json < short.txt | jq -r .token | token-desk add --name "Reporting"'] },
  ],
  pages: [
    { says: 'Every Page a user token reaches, each Page token checked', lines: ['token-desk pages < user-token.txt'] },
    { says: "One Page's token, for a script", lines: [`token-desk pages --json < user-token.txt | jq -r '.[] | select(.name == "My Page") | .token' > page.txt`] },
  ],
  add: [
    { says: 'Check a token with Graph and store it under a name', lines: ['token-desk add --name "My Page" < page.txt'] },
    { says: 'From a file, with a note of where it is used (rotate shows it)', lines: ['token-desk add --name "n8n" --used-in "n8n production" --token-file token.txt'] },
  ],
  list: [
    { says: 'The stored tokens, grouped by family, as last checked', lines: ['token-desk list'] },
    { says: 'The names of the tokens last seen dead', lines: [`token-desk list --json | jq -r '.[] | select(.status == "dead") | .name'`] },
  ],
  check: [
    { says: 'Ask Graph about every stored token now', lines: ['token-desk check'] },
    { says: 'Every morning at 8, from cron (exit 1: a token is dead; 3: Facebook was not reached)', lines: ['0 8 * * * token-desk check --json > "$HOME/token-check.json"'] },
  ],
  doctor: [
    { says: 'Check the app in TOKEN_DESK_APP_ID and TOKEN_DESK_APP_SECRET', lines: ['token-desk doctor'] },
    { says: 'Check it for managing Pages rather than ads', lines: ['token-desk doctor --purpose manage-pages'] },
  ],
  token: [
    { says: 'A stored token in one call, never on the command line', lines: [`curl -G https://graph.facebook.com/${DEFAULT_API_VERSION}/me --data-urlencode "access_token=$(token-desk token "My Page")"`] },
    { says: 'In the environment of this shell', lines: ['export FB_TOKEN="$(token-desk token "My Page")"'] },
  ],
  exec: [
    { says: 'Run a script with a checked token in its environment only', lines: ['token-desk exec --env FB_TOKEN="My Page" -- python report.py'] },
    { says: 'Two tokens; still run on the last known state when Facebook cannot be reached', lines: ['token-desk exec --env PAGE="My Page" --env ADS="Reporting" --use-last-known -- node sync.js'] },
  ],
  remove: [{ says: 'Delete a stored token by name or id (it is not revoked at Facebook: see revoke)', lines: ['token-desk remove "Old Page"'] }],
  'system-users': [{ says: "The businesses a business admin's token reaches, with their system users", lines: ['token-desk system-users < admin-user-token.txt'] }],
  mint: [
    { says: 'A never-expiring system-user token, stored under a name (ids from token-desk system-users)', lines: ['token-desk mint --business 123 --system-user 456 --scopes ads_read,ads_management --name "Reporting bot" < admin-user-token.txt'] },
    { says: 'A 60-day one, printed for a script', lines: ['token-desk mint --business 123 --system-user 456 --scopes ads_read --expires-60-days --json < admin-user-token.txt | jq -r .token'] },
  ],
  revoke: [
    { says: 'End a leaked token at Facebook and remove it', lines: ['token-desk revoke "Leaked Page"'] },
    { says: 'Take back one permission; the token keeps working without it', lines: ['token-desk revoke "Reporting" --permission ads_management'] },
  ],
  rotate: [
    { says: 'After a leak, a system-user token: a checked replacement stored, then the old one revoked', lines: ['token-desk rotate "Reporting bot" < admin-user-token.txt'] },
    { says: 'A user token: revoke first, then paste the new one when asked', lines: ['token-desk rotate "Reporting" --revoke-first'] },
  ],
  deliver: [
    { says: 'Keep a .env file up to date: after every renewal the line FB_TOKEN=... holds the new token', lines: ['token-desk deliver add "My Page" --env-file ./app/.env --key FB_TOKEN'] },
    { says: 'A GitHub Actions secret, written with gh from its standard input', lines: ['token-desk deliver add "My Page" --github FB_TOKEN --repo me/reports'] },
    { says: 'Where each token goes, then deliver one now (after a restore, say)', lines: ['token-desk deliver list', 'token-desk deliver "My Page"'] },
  ],
  sandbox: [
    { says: 'The practice Graph API; its settings are the lines after the first', lines: ['token-desk sandbox'] },
    { says: 'Its settings in this shell (bash), the sandbox running in the background', lines: ['exec 3< <(token-desk sandbox); read -r _ <&3', 'while read -r -t 1 setting <&3; do export "$setting"; done'] },
    { says: 'As one JSON object, on a fixed port', lines: ['token-desk sandbox --json --port 8765'] },
  ],
  serve: [
    { says: 'The app in your browser, with practice mode: open the URL it prints', lines: ['token-desk serve --sandbox'] },
    { says: 'Your own app only, on a fixed port, with a log file', lines: ['token-desk serve --port 8080 --log-file serve.log'] },
    { says: 'With the info lines on standard error too', lines: ['token-desk serve --sandbox --log-level info'] },
  ],
  diagnostics: [
    { says: 'The report to paste into a bug report (redacted)', lines: ['token-desk diagnostics > report.txt'] },
    { says: 'With the last lines of the log file a cron job keeps', lines: ['token-desk diagnostics --log-file "$HOME/token-desk.log"'] },
  ],
}

/** "Examples:" and each example, or '' for a command without any. */
export function examplesText(name: string): string {
  const examples = EXAMPLES[name] ?? []
  if (examples.length === 0) return ''
  return ['Examples:', ...examples.flatMap((e) => [`  # ${e.says}`, ...e.lines.map((l) => `  ${l}`)])].join('\n')
}
