import { allowanceFor, allowanceWords, checkCaller, CREATE_SYSTEM_USER_STEPS, listDirectory } from '../core/system-users'
import type { Command } from './command'
import { requireApp } from './config'
import { EXIT } from './errors'
import { table } from './output'

export const systemUsers: Command = {
  name: 'system-users',
  summary: 'List the businesses and system users a business admin can make tokens for',
  help: `Usage: token-desk system-users [--json] [--token-file PATH] < admin-user-token.txt

Reads a business admin's user token (with business_management) on standard input, and lists
the businesses of that person with their system users (id, name, role: ADMIN or EMPLOYEE),
and how many system users the app's access level allows (the seed's table, for the tier
Facebook reports). Businesses where the person is not an admin are listed as such.
--json prints {"businesses": [{"id", "name", "admin", "systemUsers": [{"id", "name", "role"}]}],
"allowance": {"tier", "todayName", "level", "regular", "admin", "apiMinting"}}.
Make a token for one with: token-desk mint --business ID --system-user ID --scopes ... --name NAME
Exit 1 when the token is not a working user token of the app with business_management.`,
  options: { 'token-file': { type: 'string' } },
  async run(run) {
    const caller = await run.token()
    const app = requireApp(run.config)
    const graph = run.graph(app)
    const info = await checkCaller(graph, app.appId, caller)
    const entries = await listDirectory(graph, caller)
    if (!graph.usage()?.tier && info.scopes.some((s) => s === 'ads_read' || s === 'ads_management')) {
      // The tier comes only in Marketing API headers: one ad-account listing reads it.
      await graph.adAccounts(caller).catch(() => undefined)
    }
    const allowance = allowanceFor(graph.usage()?.tier ?? null)
    const data = {
      businesses: entries.map((e) => ({ id: e.business.id, name: e.business.name, admin: e.admin, systemUsers: e.systemUsers })),
      allowance: { tier: allowance.tier, todayName: allowance.todayName, level: allowance.level, regular: allowance.regular, admin: allowance.admin, apiMinting: allowance.apiMinting },
    }
    const rows = entries.flatMap((e) =>
      !e.admin ? [[e.business.name, '(you are not an admin here)', '', e.business.id]] : e.systemUsers.length === 0 ? [[e.business.name, '(no system users yet)', '', e.business.id]] : e.systemUsers.map((u) => [e.business.name, u.name, u.role, `${e.business.id} / ${u.id}`]),
    )
    const lines = [
      entries.length === 0 ? 'This person belongs to no business.' : table([['BUSINESS', 'SYSTEM USER', 'ROLE', 'BUSINESS ID / SYSTEM USER ID'], ...rows]),
      '',
      allowanceWords(allowance),
      ...(allowance.apiMinting === false ? ['With Limited access Facebook does not let the app make system-user tokens through the API: make them in Business Settings (Users > System users > Generate new token) and store them with token-desk add.'] : []),
      ...(entries.every((e) => e.systemUsers.length === 0) ? ['', 'To create a system user in Business Settings:', ...CREATE_SYSTEM_USER_STEPS.map((s, i) => `  ${i + 1}. ${s}`)] : []),
    ]
    return { exitCode: EXIT.ok, data, text: lines.join('\n') }
  },
}
