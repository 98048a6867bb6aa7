import type { Command } from './command'
import { findEntry, openHome, removeStored } from './context'
import { EXIT } from './errors'

export const remove: Command = {
  name: 'remove',
  summary: 'Delete a stored token from the vault',
  help: `Usage: token-desk remove ID_OR_NAME [--json]

Deletes the stored token with that id or name (a copy set aside as unreadable stays where it
is). --json prints {"id", "name", "removed": true}.
Exit 2 when no stored token has that id or name.`,
  options: {},
  positional: 'ID_OR_NAME',
  async run(run) {
    const home = await openHome(run, { needKey: false, purpose: 'remove a token' })
    const entry = findEntry(home.tokens, run.positionals[0] ?? '')
    await removeStored(home, entry.id)
    return {
      exitCode: EXIT.ok,
      data: { id: entry.id, name: entry.meta.name, removed: true },
      text: `Removed ${entry.meta.name} (…${entry.meta.last4}, id ${entry.id}).`,
    }
  },
}
