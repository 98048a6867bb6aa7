import type { Command } from './command'
import { requireApp } from './config'
import { EXIT } from './errors'
import { fields, mask } from './output'
import { inspectJson, when } from './present'
import { problemLine, problemOf } from './verdict'
import { endsTooSoon, MIN_DAYS_HELP, minDaysOf } from './min-days'

export const inspect: Command = {
  name: 'inspect',
  summary: 'What Graph says about a token: type, app, expiry, scopes, and why it is not valid',
  help: `Usage: token-desk inspect [--json] [--min-days N] [--token-file PATH] < token.txt

Asks Graph (debug_token) about the token on the first line of standard input or in PATH.
--json prints one object:
  {"valid", "type", "appId", "application", "userId", "profileId", "issuedAt", "expiresAt",
   "neverExpires", "dataAccessExpiresAt", "scopes", "problem"}
Times are ISO-8601 or null. "problem" is null or {"reason", "code", "subcode", "message"}, the
reason one of expired, password-changed, app-removed, logged-out, invalidated, checkpoint,
unconfirmed-user, no-page-role, invalid, wrong-app (a token of another app than
TOKEN_DESK_APP_ID). Exit 0 when the token is valid, 1 when it is not.
${MIN_DAYS_HELP} A CI job can guard itself: token-desk inspect --min-days 7 < token`,
  options: { 'token-file': { type: 'string' }, 'min-days': { type: 'string' } },
  async run(run) {
    const minDays = minDaysOf(run.values)
    const token = await run.token()
    const app = requireApp(run.config)
    const info = await run.graph(app).debugToken(token)
    const problem = problemOf(info, app.appId)
    const data = inspectJson(info, problem)
    const now = Date.now()
    const text = fields([
      ['Token', mask(token)],
      ['Valid', data.valid ? 'yes' : 'no'],
      ['Type', data.type ?? '-'],
      ['App', data.appId ? `${data.application ?? '?'} (${data.appId})` : '-'],
      ['User', data.userId ?? '-'],
      ...(data.profileId ? [['Profile', data.profileId] as const] : []),
      ['Issued', when(data.issuedAt, now)],
      ['Expires', when(data.expiresAt, now, data.neverExpires)],
      ['Data access', when(data.dataAccessExpiresAt, now)],
      ['Scopes', data.scopes.length > 0 ? data.scopes.join(', ') : '-'],
      ...(problem ? [['Problem', problemLine(problem)] as const] : []),
    ])
    const tooSoon = data.valid ? endsTooSoon(mask(token), { expiresAt: info.neverExpires ? null : info.expiresAt, dataAccessExpiresAt: info.dataAccessExpiresAt }, minDays, now) : null
    if (tooSoon) run.note(tooSoon.message)
    return { exitCode: data.valid && !tooSoon ? EXIT.ok : EXIT.invalidToken, data, text }
  },
}
