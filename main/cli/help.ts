import { DEFAULT_API_VERSION } from '../../preload/versions'
import type { Command } from './command'
import { examplesText } from './examples'

const ENVIRONMENT = `Environment:
  TOKEN_DESK_APP_ID         App ID of your Meta app (every command that asks Graph)
  TOKEN_DESK_APP_SECRET     App Secret of that app (same commands); never printed
  TOKEN_DESK_GRAPH_URL      Graph API base (default https://graph.facebook.com)
  TOKEN_DESK_WWW_URL        Login dialog base (default https://www.facebook.com)
  TOKEN_DESK_API_VERSION    Graph API version, e.g. ${DEFAULT_API_VERSION} (the default)
  TOKEN_DESK_CONFIG_ID      Facebook Login for Business Configuration ID (App Dashboard >
                            Facebook Login for Business > Configurations): the doctor opens
                            the login dialog through it, as a Business app's logins go
  TOKEN_DESK_HOME           Where the vault and settings live (default: the desktop app's
                            folder: ~/.config/token-desk, ~/Library/Application Support/Token Desk,
                            %APPDATA%\\Token Desk)
  TOKEN_DESK_PASSPHRASE     Vault passphrase when there is no OS keyring
  TOKEN_DESK_KEYRING=off    Never use the OS keyring; the vault key comes from the passphrase
  TOKEN_DESK_RETRY_MAX_MS   Time one command may spend on Graph, retries included
                            (default 25000; tests set it low)
  TOKEN_DESK_LOG            Log level on standard error: debug, info, warn, error (default
                            error; serve: warn). --log-level LEVEL does the same for one run
  HTTPS_PROXY, HTTP_PROXY   Proxy for Graph API calls (https and http); NO_PROXY lists hosts
                            that go direct. A failure through a proxy names it.

Every command also takes --log-level LEVEL (as TOKEN_DESK_LOG, for this run) and --log-file PATH:
the same redacted log lines, also kept in that file (mode 0600, rotated at 2 MiB; level info
unless TOKEN_DESK_LOG or --log-level says otherwise).`

const EXIT_CODES = `Exit codes:
  0  success
  1  the token is not valid (or, for check, a stored token is dead; for doctor, a check failed)
  2  bad usage or configuration: missing, malformed or wrong app id or secret, empty
     input, wrong or missing passphrase (the vault key), unknown stored token
  3  Graph API or network failure after retries (e.g. rate limited; try again after HH:MM)
  exec ends with the exit status of the command it ran (see token-desk exec --help)`

const OUTPUT = `Output:
  Without --json, output is for people: aligned, tokens masked to their last four characters.
  With --json, standard output holds exactly one JSON document, also on failure:
  {"error":{"code","message"}}. Full tokens are printed only by extend --json, pages --json
  and token.`

export function topHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)
  return [
    'token-desk: get, store and watch Meta Graph API access tokens.',
    '',
    'Usage: token-desk COMMAND [options]     (token-desk COMMAND --help for details)',
    '',
    'Commands:',
    ...lines,
    '',
    'Tokens are read from the first line of standard input or from --token-file PATH, never from',
    'arguments, where other users of the machine could read them.',
    '',
    'First steps:',
    '  token-desk serve --sandbox              # the app in your browser, with a practice Facebook',
    '  token-desk inspect < token.txt          # what Graph says about a token',
    '  token-desk add --name "My Page" < token.txt && token-desk list',
    '',
    OUTPUT,
    '',
    ENVIRONMENT,
    '',
    EXIT_CODES,
  ].join('\n')
}

export function commandHelp(command: Command): string {
  const examples = examplesText(command.name)
  return `${command.help}${examples ? `\n\n${examples}` : ''}\n\n${EXIT_CODES}\n\nRun token-desk --help for the environment variables.`
}
