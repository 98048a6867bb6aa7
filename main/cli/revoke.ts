import { KNOWN_SCOPES } from '../../preload/api'
import { recordVerdicts, revokeEffect, revokeStored } from '../core/revoke'
import type { Command } from './command'
import { requireApp } from './config'
import { findEntry, openHome, removeStored } from './context'
import { EXIT, UsageError } from './errors'

export const revoke: Command = {
  name: 'revoke',
  summary: 'Revoke a stored token at Facebook, check it with debug_token, and remove it',
  help: `Usage: token-desk revoke ID_OR_NAME [--permission NAME] [--keep] [--json]

Revokes the stored token at Facebook, then asks debug_token whether it still works:
  user token       DELETE /{user-id}/permissions: the whole login ends, with every Page token
                   made from it (the person must log in again to use the app);
  Page token       the same, for the login it was made from;
  system-user      DELETE /{system-user-id}/access_tokens: every token of that system user for
  token            this app ends.
With --permission NAME (user and Page tokens) only that permission is taken back; the token keeps
working without it and stays stored. Otherwise the revoked token is removed from the vault, unless
--keep; other stored tokens the revoke ended are recorded as dead.
--json prints {"id", "name", "scope", "permission", "alreadyDead", "verdict", "alsoEnded":
[{"id", "name"}], "removed"}.
Exit 2 for an app token (reset the App Secret instead) or an unknown id or name; 3 when Facebook
could not be reached or did not confirm the revoke (nothing is removed then).`,
  options: { permission: { type: 'string' }, keep: { type: 'boolean' } },
  positional: 'ID_OR_NAME',
  async run(run) {
    const permission = typeof run.values.permission === 'string' ? run.values.permission : null
    if (permission !== null && !(KNOWN_SCOPES as readonly string[]).includes(permission)) throw new UsageError(`--permission takes a permission name such as ads_management (one of: ${KNOWN_SCOPES.join(', ')}).`)
    const app = requireApp(run.config)
    const home = await openHome(run, { needKey: true, purpose: 'revoke a stored token' })
    const entry = findEntry(home.tokens, run.positionals[0] ?? '')
    if (entry.meta.kind === 'SYSTEM_USER' && permission) throw new UsageError('A system-user token cannot lose one permission: revoke it and mint a new one with fewer.')
    const graph = run.graph(app)
    run.note(`${entry.meta.name}: ${revokeEffect(entry.meta.kind, permission)}`)
    const { outcome, alsoEnded } = await revokeStored({ graph, vault: home.tokens }, entry.id, permission)
    if (alsoEnded.length > 0) await recordVerdicts({ graph, vault: home.tokens, now: Date.now() }, alsoEnded.map((o) => o.id))
    const remove = !permission && run.values.keep !== true
    if (remove) await removeStored(home, entry.id)
    else if (permission) await home.tokens.updateMeta(entry.id, { ...entry.meta, scopes: entry.meta.scopes.filter((s) => s !== permission) })
    const data = { id: entry.id, name: entry.meta.name, scope: outcome.scope, permission, alreadyDead: outcome.alreadyDead, verdict: outcome.verdict, alsoEnded, removed: remove }
    const lines = [
      outcome.alreadyDead ? `${entry.meta.name} (…${entry.meta.last4}) no longer worked; nothing was revoked. ${outcome.verdict}` : `Revoked ${entry.meta.name} (…${entry.meta.last4}) at Facebook. debug_token now says: ${outcome.verdict}`,
      ...(alsoEnded.length > 0 ? [`Also ended, stored here: ${alsoEnded.map((o) => o.name).join(', ')}.`] : []),
      remove ? 'Removed it from the vault.' : 'It stays in the vault.',
    ]
    return { exitCode: EXIT.ok, data, text: lines.join('\n') }
  },
}
