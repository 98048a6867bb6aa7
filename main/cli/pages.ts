import { verifiedPages } from '../core/tokens/pages'
import type { Command } from './command'
import { requireApp } from './config'
import { CommandFailure, EXIT } from './errors'
import { isoOrNull, mask, relative, table } from './output'
import { problemLine, problemOf } from './verdict'

export const pages: Command = {
  name: 'pages',
  summary: 'Every Page the user token reaches, with each Page token checked by Graph',
  help: `Usage: token-desk pages [--json] [--token-file PATH] < user-token.txt

Lists every Page the user token on standard input (or in PATH) can reach (/me/accounts, every
page of results), and checks each Page token with debug_token, in batches.
--json prints an array of {"id", "name", "category", "tasks", "token", "expiresAt",
"neverExpires"} with the full Page tokens. A Page whose token Graph did not confirm has
"token": null and is named on standard error.
Exit 1 when the user token is not valid.`,
  options: { 'token-file': { type: 'string' } },
  async run(run) {
    const token = await run.token()
    const app = requireApp(run.config)
    const graph = run.graph(app)
    // The user token first: a dead or foreign token gets its own reason, not a confusing refusal.
    const problem = problemOf(await graph.debugToken(token), app.appId)
    if (problem) throw new CommandFailure(`The user token cannot list Pages: ${problemLine(problem)}`, EXIT.invalidToken, problem.reason)
    const found = await verifiedPages(graph, token, app.appId)
    const data = found.map((page) => {
      const usable = page.problem === null && page.info !== null && page.token !== null
      if (!usable) run.note(`The Page ${page.name} (${page.id}) has no usable token: ${page.problem ? problemLine(page.problem) : 'Graph did not confirm it.'}`)
      const info = usable ? page.info : null
      return {
        id: page.id,
        name: page.name,
        category: page.category,
        tasks: page.tasks,
        token: usable ? page.token : null,
        expiresAt: isoOrNull(info && !info.neverExpires ? info.expiresAt : null),
        neverExpires: info?.neverExpires ?? false,
      }
    })
    const now = Date.now()
    const text =
      data.length === 0
        ? 'This user token reaches no Pages.'
        : table([
            ['NAME', 'ID', 'CATEGORY', 'TASKS', 'TOKEN', 'EXPIRES'],
            ...data.map((p) => [
              p.name,
              p.id,
              p.category ?? '-',
              p.tasks.join(',') || '-',
              p.token ? mask(p.token) : '-',
              p.token === null ? '-' : p.neverExpires ? 'never' : p.expiresAt ? relative(Date.parse(p.expiresAt), now) : '-',
            ]),
          ])
    return { exitCode: EXIT.ok, data, text }
  },
}
