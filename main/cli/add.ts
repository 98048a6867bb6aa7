import { defaultName, metaFromInfo } from '../core/app/token-meta'
import { GraphError, type GraphClient } from '../core/graph'
import { normalizeSettings } from '../core/monitor/settings'
import { livingStatus } from '../core/monitor/verdicts'
import { USED_IN_MAX, type TokenKind } from '../../preload/api'
import type { TokenMeta } from '../core/tokens/record'
import type { Command } from './command'
import { requireApp } from './config'
import { openHome, summaryOf } from './context'
import { CommandFailure, EXIT, UsageError } from './errors'
import { fields } from './output'
import { summaryJson, when } from './present'
import { textOption } from './text-option'
import { problemLine, problemOf } from './verdict'

const MAX_NAME = 200

/** The person's or Page's name for a default label; none is fine. */
async function whoseName(graph: GraphClient, token: string, kind: TokenKind): Promise<string | null> {
  if (kind === 'APP') return null
  try {
    const me = await graph.me(token, ['id', 'name'])
    return typeof me.name === 'string' ? me.name : null
  } catch (error) {
    if (error instanceof GraphError) return null
    throw error
  }
}

/** A stored token this one renews, as the app decides it: same kind, app, and person or Page. */
function sameIdentity(entries: readonly { id: string; meta: TokenMeta }[], meta: TokenMeta): string | null {
  const match = entries.find(
    (e) => e.meta.kind === meta.kind && e.meta.appId === meta.appId && (meta.kind === 'PAGE' ? e.meta.profileId === meta.profileId : e.meta.userId === meta.userId),
  )
  return match?.id ?? null
}

export const add: Command = {
  name: 'add',
  summary: 'Check a token with Graph and store it encrypted in the vault',
  help: `Usage: token-desk add [--name NAME] [--used-in TEXT] [--json] [--token-file PATH] < token.txt

Inspects the token on standard input (or in PATH) and, when Graph says it is valid for
TOKEN_DESK_APP_ID, stores it encrypted in the vault under TOKEN_DESK_HOME, where the desktop app
and token-desk serve see it too. A token for the same user or Page as a stored one replaces it.
Prints the stored summary; --json: {"id", "name", "kind", "last4", "expiresAt", "neverExpires",
"dataAccessExpiresAt", "status"}. The token itself is never printed.
--used-in notes where the token is used (for example "n8n production"): rotate shows it.
Needs a vault key: the OS keyring, or TOKEN_DESK_PASSPHRASE.
Exit 1 (nothing stored) when the token is not valid.`,
  options: { name: { type: 'string' }, 'used-in': { type: 'string' }, 'token-file': { type: 'string' } },
  async run(run) {
    const given = textOption(run.values.name, '--name', MAX_NAME)
    const usedIn = textOption(run.values['used-in'], '--used-in', USED_IN_MAX, 'write where the token is used')
    const token = await run.token()
    const app = requireApp(run.config)
    const home = await openHome(run, { needKey: true, purpose: 'store the token' })
    const graph = run.graph(app)
    const info = await graph.debugToken(token)
    const problem = problemOf(info, app.appId)
    if (problem) throw new CommandFailure(`The token was not stored: ${problemLine(problem)}`, EXIT.invalidToken, problem.reason)

    const now = Date.now()
    const kind = info.type ?? 'USER'
    const name = given ?? defaultName(kind, await whoseName(graph, token, kind))
    const meta = metaFromInfo({ info, last4: token.slice(-4), name, purpose: null, parentId: null, now })
    meta.status = livingStatus(meta.expiresAt, now, normalizeSettings(home.settings().store.get()))
    if (usedIn) meta.usedIn = usedIn
    const entries = home.tokens.list()
    const replaces = sameIdentity(entries, meta)
    if (replaces && !given) meta.name = entries.find((e) => e.id === replaces)?.meta.name ?? meta.name
    if (entries.some((e) => e.id !== replaces && e.meta.name === meta.name)) {
      throw new UsageError(`A stored token is already named "${meta.name}". Choose another with --name.`, 'name-taken')
    }
    const entry = await home.tokens.put({ ...(replaces ? { id: replaces } : {}), meta, secret: token })
    if (replaces) run.note(`This token replaces the stored token for the same ${kind === 'PAGE' ? 'Page' : 'account'} (id ${replaces}).`)

    const summary = summaryOf(entry)
    const text = fields([
      ['Stored', `${summary.name} (id ${summary.id})`],
      ['Kind', summary.kind],
      ['Token', `…${summary.last4}`],
      ['Status', summary.status],
      ['Expires', when(summary.expiresAt, now, summary.neverExpires)],
      ['Data access', when(summary.dataAccessExpiresAt, now)],
    ])
    return { exitCode: EXIT.ok, data: summaryJson(summary), text }
  },
}
