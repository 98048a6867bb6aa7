import { USED_IN_MAX, type Purpose } from '../../preload/api'
import { findSystemUser, mintAndStore, mintVerified, checkCaller } from '../core/system-users'
import { registerSecret } from '../core/redact'
import type { Command } from './command'
import { requireApp } from './config'
import { openHome, summaryOf } from './context'
import { EXIT, UsageError } from './errors'
import { fields, mask } from './output'
import { summaryJson, when } from './present'
import { textOption } from './text-option'

const MAX_TEXT = 200

function id(value: string | boolean | undefined, option: string): string {
  if (typeof value !== 'string' || !/^\d{1,32}$/.test(value)) throw new UsageError(`${option} takes a numeric id (see token-desk system-users).`)
  return value
}

function scopesOption(value: string | boolean | undefined): string[] {
  if (typeof value !== 'string') throw new UsageError('--scopes takes a comma-separated list, for example --scopes ads_management,ads_read.')
  const scopes = [...new Set(value.split(',').map((s) => s.trim()).filter((s) => s !== ''))]
  if (scopes.length === 0 || scopes.some((s) => !/^[a-z_]{2,64}$/.test(s))) throw new UsageError('--scopes takes permission names separated by commas, for example ads_management,ads_read.')
  return scopes
}

/** A purpose the scopes fit, for the app's reminders and re-logins: the first that needs nothing more. */
function purposeOf(scopes: readonly string[]): Purpose | null {
  if (scopes.includes('ads_management')) return 'manage-ads'
  if (scopes.includes('ads_read') || scopes.includes('read_insights')) return 'read-insights'
  if (scopes.some((s) => s.startsWith('pages_manage'))) return 'manage-pages'
  return null
}

export const mint: Command = {
  name: 'mint',
  summary: 'Make a system-user token (never-expiring or 60-day) and store or print it',
  help: `Usage: token-desk mint --business ID --system-user ID --scopes a,b [--expires-60-days]
                       (--name NAME [--used-in TEXT] | --json) [--token-file PATH] < admin-user-token.txt

Reads a business admin's user token (with business_management) on standard input, installs the
app for the system user when it is not, makes its token with those permissions (never-expiring,
or 60 days with --expires-60-days) with appsecret_proof, and checks it with debug_token: a
SYSTEM_USER token of this app, every permission, the expiry asked for. Ids come from
token-desk system-users.
With --name it is stored encrypted in the vault (the desktop app watches it too) and only its
summary is printed; a stored token of the same system user by that name is replaced (a re-mint:
its destinations get the new token, see token-desk deliver). --used-in notes where it will be
used (shown when it is rotated).
Without --name, --json prints {"token", "type", "systemUserId", "expiresAt", "neverExpires",
"scopes"} with the full new token; nothing else prints it.
Exit 1 when the admin token does not work or the person is not an admin of the business;
2 when the app's access tier does not allow minting through the API (Limited), the access
level's system-user allowance is used up, or a permission is not approved for the app.`,
  options: {
    business: { type: 'string' },
    'system-user': { type: 'string' },
    scopes: { type: 'string' },
    'expires-60-days': { type: 'boolean' },
    name: { type: 'string' },
    'used-in': { type: 'string' },
    'token-file': { type: 'string' },
  },
  async run(run) {
    const businessId = id(run.values.business, '--business')
    const systemUserId = id(run.values['system-user'], '--system-user')
    const scopes = scopesOption(run.values.scopes)
    const name = textOption(run.values.name, '--name', MAX_TEXT, 'write a name or a place')
    const usedIn = textOption(run.values['used-in'], '--used-in', USED_IN_MAX, 'write a name or a place')
    if (!name && !run.json) throw new UsageError('Say where the new token goes: --name NAME stores it in the vault, --json prints it. Nothing was made.')
    if (usedIn && !name) throw new UsageError('--used-in goes with --name: it is kept beside the stored token.')
    const expiresIn60Days = run.values['expires-60-days'] === true
    const caller = await run.token()
    const app = requireApp(run.config)
    // Before anything is made: a vault that cannot be opened must not cost a token.
    const home = name ? await openHome(run, { needKey: true, purpose: 'store the token' }) : null
    // A stored token of the same system user by that name is minted anew in its place (a
    // renewal: its destinations get the new token); any other token by that name is kept.
    const named = home?.tokens.list().find((e) => e.meta.name === name)
    const replaces = named && named.meta.kind === 'SYSTEM_USER' && (named.meta.systemUser?.id ?? named.meta.userId) === systemUserId ? named : null
    if (named && !replaces) throw new UsageError(`A stored token is already named "${name}". Choose another with --name.`, 'name-taken')
    const graph = run.graph(app)
    await checkCaller(graph, app.appId, caller)
    const { business, systemUser } = await findSystemUser(graph, caller, systemUserId, businessId)
    const deps = { graph, appId: app.appId, now: () => Date.now() }
    const request = { caller, systemUserId, scopes, expiresIn60Days }
    if (!home || !name) {
      const minted = await mintVerified(deps, request)
      registerSecret(minted.token)
      const { info } = minted
      const data = { token: minted.token, type: info.type, systemUserId, expiresAt: info.neverExpires || info.expiresAt === null ? null : new Date(info.expiresAt).toISOString(), neverExpires: info.neverExpires, scopes: info.scopes }
      return { exitCode: EXIT.ok, data, text: mask(minted.token) }
    }
    const entry = await mintAndStore({ ...deps, vault: home.tokens }, request, {
      name,
      purpose: purposeOf(scopes),
      origin: { businessId: business.id, id: systemUser.id, name: systemUser.name },
      ...(usedIn ? { usedIn } : replaces?.meta.usedIn ? { usedIn: replaces.meta.usedIn } : {}),
    }, replaces?.id ?? null)
    if (replaces) run.note(`The new token replaces the stored token named ${name} (id ${replaces.id}).`)
    const summary = summaryOf(entry)
    const textOut = fields([
      ['Stored', `${summary.name} (id ${summary.id})`],
      ['System user', `${systemUser.name} (${systemUser.role}) in ${business.name}`],
      ['Token', `…${summary.last4}`],
      ['Permissions', summary.scopes.join(', ')],
      ['Expires', when(summary.expiresAt, Date.now(), summary.neverExpires)],
      ...(usedIn ? [['Used in', usedIn] as const] : []),
    ])
    return { exitCode: EXIT.ok, data: { ...summaryJson(summary), systemUser: summary.systemUser ?? null, usedIn: summary.usedIn ?? null }, text: textOut }
  },
}
