import type { GraphClient } from '../core/graph'
import { registerSecret } from '../core/redact'
import { renewPageTokens, rotateToken, type Replacement, type RotationPorts, type RotationResult } from '../core/rotate'
import { checkCaller, findSystemUser, mintScopes, mintVerified } from '../core/system-users'
import { isLongLived } from '../core/tokens/inspect'
import type { TokenMeta } from '../core/tokens/record'
import type { Command, Run } from './command'
import { requireApp } from './config'
import { findEntry, openHome } from './context'
import { EXIT, UsageError } from './errors'
import { readLineToken } from './input'
import { collectReports, deliverySummary } from '../core/deliveries/words'

/** A system user's replacement: a mint with the admin's token read from standard input. */
function mintReplacement(graph: GraphClient, appId: string, meta: TokenMeta, caller: string): () => Promise<Replacement> {
  return async () => {
    if (meta.userId === null) throw new UsageError('Facebook never said which system user this token is for; mint a new one with token-desk mint.')
    const systemUserId = meta.systemUser?.id ?? (await findSystemUser(graph, caller, meta.userId)).systemUser.id
    return mintVerified({ graph, appId, now: () => Date.now() }, { caller, systemUserId, scopes: mintScopes(meta.scopes), expiresIn60Days: !meta.neverExpires })
  }
}

/** A user or Page token's replacement: a token the person pastes once the old login is revoked. */
function pastedReplacement(run: Run, graph: GraphClient, meta: TokenMeta): () => Promise<Replacement> {
  return async () => {
    run.note('The old login is revoked. Get a new user token now (Graph API Explorer: Generate Access Token, for this app, with the same permissions) and paste it here, then press Enter:')
    let token = await readLineToken(run.io.stdin)
    registerSecret(token)
    let info = await graph.debugToken(token)
    if (info.isValid && info.type === 'USER' && !isLongLived(info, Date.now())) {
      token = (await graph.exchangeForLongLived(token)).token
      registerSecret(token)
      info = await graph.debugToken(token)
    }
    if (meta.kind !== 'PAGE' || meta.profileId === null || !info.isValid) return { token, info }
    const page = await graph.pageToken(meta.profileId, token)
    registerSecret(page.accessToken)
    return { token: page.accessToken, info: await graph.debugToken(page.accessToken) }
  }
}

function words(result: RotationResult, delivered: ReturnType<typeof deliverySummary>): string {
  const noted = result.updateIn.map((u) => `  ${u.usedIn}  (${u.name})`)
  const places = noted.length > 0 ? noted : delivered.updated.length + delivered.failed.length > 0 ? [] : ['  wherever you use it (no "used in" note is stored)']
  const deliveries = [
    ...(delivered.updated.length > 0 ? ['Delivered to:', ...delivered.updated.map((w) => `  ${w}`)] : []),
    ...(delivered.failed.length > 0 ? ['Could not deliver to (each left as it was; token-desk deliver tries again):', ...delivered.failed.map((f) => `  ${f.where}: ${f.message}`)] : []),
  ]
  const head =
    result.status === 'done'
      ? [`Replaced ${result.name}: the new token is stored in its place, and the old one is revoked (debug_token now says: ${result.revoke.verdict})`, ...(result.renewed.length > 0 ? [`Renewed too: ${result.renewed.join(', ')}`] : []), ...(result.next ? [result.next] : [])]
      : [result.next ?? 'The rotation did not finish.']
  return [...head, ...deliveries, ...(places.length > 0 ? ['Update the token in:', ...places] : [])].join('\n')
}

export const rotate: Command = {
  name: 'rotate',
  summary: 'Replace a token that may have leaked: a new one stored in place, the old one revoked',
  help: `Usage: token-desk rotate ID_OR_NAME [--revoke-first] [--json] [--token-file PATH] < admin-user-token.txt

For a system-user token: reads a business admin's user token (with business_management) on
standard input, mints a replacement of the same kind for the same system user, checks it with
debug_token, stores it in place of the old one, then revokes the old one
(DELETE /{system-user-id}/access_tokens) and checks that too. Facebook ends every token of the
system user for the app at once, the first replacement included, so a second one is minted and
stored. If anything fails before the revoke took effect, the old token stays stored and working.
For a user or Page token: a new token comes from a login, and revoking a login ends every token
of it, so the order must be revoke first, then paste a new user token (Graph API Explorer):
run with --revoke-first, and paste the new token when asked (the Page tokens made from it are
renewed too). Without --revoke-first nothing is done for these: use Rotate in the app, which
signs in for you.
The new token goes to every destination of the token (token-desk deliver), before the old one is
revoked; prints the destinations it updated and those it could not, and where else the token
must be updated (its "used in" note). --json prints {"id", "name", "status" (done,
needs-replacement, revoked-without-replacement), "replacements", "verdict", "updateIn":
[{"name", "usedIn"}], "deliveries": {"updated": [where], "failed": [{"where", "message"}]},
"renewed", "next"}.
Exit 0 when done; 1 when the replacement was refused or the rotation could not finish (the old
token is revoked and the stored one does not work: see "next"); 2 for usage; 3 when Facebook
could not be reached or the revoke failed (then nothing was changed).`,
  options: { 'revoke-first': { type: 'boolean' }, 'token-file': { type: 'string' } },
  positional: 'ID_OR_NAME',
  async run(run) {
    const app = requireApp(run.config)
    const home = await openHome(run, { needKey: true, purpose: 'rotate a stored token' })
    const entry = findEntry(home.tokens, run.positionals[0] ?? '')
    const { meta } = entry
    const revokeFirst = run.values['revoke-first'] === true
    if (meta.kind === 'APP') throw new UsageError('An app token is replaced by resetting the App Secret (App Dashboard > Settings > Basic).', 'not-rotatable')
    if (meta.kind !== 'SYSTEM_USER' && !revokeFirst) {
      throw new UsageError(
        `${meta.name} is a ${meta.kind === 'PAGE' ? 'Page' : 'user'} token: its replacement comes from a new login, and revoking a login ends every token of it, the replacement too. Run again with --revoke-first and paste a new token when asked, or use Rotate in the app, which signs in for you.`,
        'needs-revoke-first',
      )
    }
    const graph = run.graph(app)
    let replacement: () => Promise<Replacement>
    let adminToken: string | null = null
    if (meta.kind === 'SYSTEM_USER') {
      adminToken = await run.token()
      await checkCaller(graph, app.appId, adminToken)
      replacement = mintReplacement(graph, app.appId, meta, adminToken)
    } else replacement = pastedReplacement(run, graph, meta)
    const ports: RotationPorts = {
      graph,
      vault: home.tokens,
      appId: app.appId,
      now: () => Date.now(),
      replacement: () => replacement(),
      canReplaceAgain: meta.kind === 'SYSTEM_USER',
      revoke: () => ({ adminToken }),
      ...(meta.kind === 'USER' ? { afterStore: (id: string, token: string) => renewPageTokens({ graph, vault: home.tokens, appId: app.appId, now: Date.now() }, id, token) } : {}),
      progress: (line) => run.note(line),
    }
    const { value: result, reports } = await collectReports(home.deliveries, () => rotateToken(ports, entry.id, { revokeFirst }))
    const deliveries = deliverySummary(reports)
    const data = { id: result.entryId, name: result.name, status: result.status, replacements: result.replacements, verdict: result.revoke.verdict, updateIn: result.updateIn, deliveries, renewed: result.renewed, next: result.next }
    return { exitCode: result.status === 'done' ? EXIT.ok : EXIT.invalidToken, data, text: words(result, deliveries) }
  },
}
