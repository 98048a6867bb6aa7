import { DEFAULT_API_VERSION } from '../../preload/versions'
import type { Command } from './command'
import { findEntry, openHome } from './context'
import { CommandFailure, EXIT, UsageError } from './errors'

export const token: Command = {
  name: 'token',
  summary: 'Print a stored token, for scripts: $(token-desk token "My Page")',
  help: `Usage: token-desk token ID_OR_NAME

Prints the stored token with that id or name, and nothing else, on standard output:
  curl -G https://graph.facebook.com/${DEFAULT_API_VERSION}/me --data-urlencode "access_token=$(token-desk token "My Page")"
Standard output holds the token only; keep it out of logs and shell history.
--json prints {"id", "name", "token"}.
Exit 2 when no stored token has that id or name, or the vault cannot be opened.`,
  options: {},
  positional: 'ID_OR_NAME',
  async run(run) {
    const home = await openHome(run, { needKey: true, purpose: 'read a stored token', readOnly: true })
    const entry = findEntry(home.tokens, run.positionals[0] ?? '')
    if (entry.problem) throw new UsageError(`${entry.meta.name} cannot be read: ${entry.problem.message}`, 'unreadable')
    const secret = await home.tokens.getSecret(entry.id)
    if (secret === null) throw new CommandFailure(`${entry.meta.name} could not be decrypted now. See token-desk list.`, EXIT.usage, 'unreadable')
    if (entry.meta.status === 'dead') run.note(`Note: ${entry.meta.name} was dead when last checked${entry.meta.problem ? ` (${entry.meta.problem.reason})` : ''}.`)
    // The one place a stored token leaves the vault: raw, so $(...) gets exactly the token.
    return { exitCode: EXIT.ok, data: { id: entry.id, name: entry.meta.name, token: secret }, text: secret }
  },
}
