import type { Command } from './command'
import { noteEntryProblems, openHome, summaryOf } from './context'
import { EXIT } from './errors'
import { familiesTable } from './families-table'
import { checkedJson } from './present'

export const list: Command = {
  name: 'list',
  summary: 'The stored tokens, described (never their values)',
  help: `Usage: token-desk list [--json]

Lists the tokens stored under TOKEN_DESK_HOME as last checked; no Graph call is made.
Tokens are grouped by family: a user token with the Page tokens made from it indented
below, then a summary line, and what to do about the ones that stopped. --json prints a flat array of {"id", "name", "kind", "last4",
"expiresAt", "neverExpires", "dataAccessExpiresAt", "status", "problem", "lastCheckedAt",
"parentId"}, "parentId" naming the user token a Page token was made from. Never prints a token.
Without the vault key (no OS keyring and no TOKEN_DESK_PASSPHRASE) the tokens are still listed
as last checked, standard error says the key is missing, and the exit code is 2: they cannot be
read or used until it is given.`,
  options: {},
  async run(run) {
    const home = await openHome(run, { needKey: false, purpose: 'list the tokens', readOnly: true })
    const entries = home.tokens.list()
    // A missing key is configuration (exit 2), not a dead token (1): the tokens themselves are fine.
    const locked = noteEntryProblems(run, entries, home)
    const summaries = entries.map((e) => summaryOf(e)).sort((a, b) => a.name.localeCompare(b.name))
    return { exitCode: locked > 0 ? EXIT.usage : EXIT.ok, data: summaries.map(checkedJson), text: familiesTable(summaries, Date.now()) }
  },
}
