import { DEFAULT_API_VERSION } from '../../preload/versions'
import { isoOrNull } from './output'
import type { Command } from './command'
import { findEntry, openHome } from './context'
import { CommandFailure, EXIT, UsageError } from './errors'
import { endsTooSoon, MIN_DAYS_HELP, minDaysOf } from './min-days'

export const token: Command = {
  name: 'token',
  summary: 'Print a stored token, for scripts: $(token-desk token "My Page"); --json as a credential helper',
  help: `Usage: token-desk token ID_OR_NAME [--json] [--min-days N]

Prints the stored token with that id or name, and nothing else, on standard output:
  curl -G https://graph.facebook.com/${DEFAULT_API_VERSION}/me --data-urlencode "access_token=$(token-desk token "My Page")"
Standard output holds the token only; keep it out of logs and shell history.
--json prints one object, the secret with its expiry (the shape AWS's credential_process made
familiar), for a script that would rather ask than keep a copy:
  {"token", "id", "name", "kind", "expiresAt", "dataAccessExpiresAt", "checkedAt", "status"}
times ISO-8601 or null (expiresAt null: it never expires), as last checked (token-desk check).
${MIN_DAYS_HELP} Then nothing is printed on standard output:
  TOKEN=$(token-desk token "My Page" --min-days 7) || exit 1
Exit 1 with --min-days when the token was dead when last checked, or ends within N days;
2 when no stored token has that id or name, or the vault cannot be opened.`,
  options: { 'min-days': { type: 'string' } },
  positional: 'ID_OR_NAME',
  async run(run) {
    const minDays = minDaysOf(run.values)
    const home = await openHome(run, { needKey: true, purpose: 'read a stored token', readOnly: true })
    const entry = findEntry(home.tokens, run.positionals[0] ?? '')
    const { meta } = entry
    if (entry.problem) throw new UsageError(`${meta.name} cannot be read: ${entry.problem.message}`, 'unreadable')
    const secret = await home.tokens.getSecret(entry.id)
    if (secret === null) throw new CommandFailure(`${meta.name} could not be decrypted now. See token-desk list.`, EXIT.usage, 'unreadable')
    const dead = meta.status === 'dead' || meta.status === 'needs-relogin'
    if (dead && minDays !== null) throw new CommandFailure(`“${meta.name}” was dead when last checked${meta.problem ? ` (${meta.problem.reason})` : ''}.`, EXIT.invalidToken, meta.problem?.reason ?? 'dead')
    if (dead) run.note(`Note: ${meta.name} was dead when last checked${meta.problem ? ` (${meta.problem.reason})` : ''}.`)
    const tooSoon = endsTooSoon(meta.name, meta, minDays)
    if (tooSoon) throw tooSoon
    const data = {
      token: secret,
      id: entry.id,
      name: meta.name,
      kind: meta.kind,
      expiresAt: isoOrNull(meta.neverExpires ? null : meta.expiresAt),
      dataAccessExpiresAt: isoOrNull(meta.dataAccessExpiresAt),
      checkedAt: isoOrNull(meta.lastCheckedAt),
      status: meta.status,
    }
    // The one place a stored token leaves the vault: raw, so $(...) gets exactly the token.
    return { exitCode: EXIT.ok, data, text: secret }
  },
}
