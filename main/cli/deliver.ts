import { DEFAULT_ENV_KEY } from '../../preload/destinations'
import { DestinationError, destinationSummaries, expandPath, type DeliveryReport, type DestinationSpec } from '../core/deliveries'
import { resolveProgram } from '../core/deliveries/program-path'
import type { Command, Run } from './command'
import { deliveryLines, findEntry, openHome, type Home } from './context'
import { CommandFailure, EXIT, UsageError } from './errors'

const KIND_OPTIONS = ['env-file', 'github', 'aws', 'gcloud', 'vault', 'command'] as const

const HELP = `Usage:
  token-desk deliver add ID_OR_NAME --env-file PATH [--key NAME]
  token-desk deliver add ID_OR_NAME --github NAME [--repo OWNER/REPO] [--env ENV]
  token-desk deliver add ID_OR_NAME --aws SECRET_ID [--region REGION]
  token-desk deliver add ID_OR_NAME --gcloud SECRET [--project PROJECT]
  token-desk deliver add ID_OR_NAME --vault PATH [--key FIELD]
  token-desk deliver add ID_OR_NAME --command -- COMMAND [ARGS...]
  token-desk deliver list [ID_OR_NAME] [--json]
  token-desk deliver remove ID_OR_NAME DESTINATION_ID
  token-desk deliver [ID_OR_NAME] [--json]

A destination is a place that should always hold the stored token. After every new secret
(token-desk rotate, mint into a name that has destinations, add of a renewal, and in the desktop
app the wizard, Log in again, Renew and Rotate) each destination of the token gets it:
  --env-file PATH   the line NAME=token in a .env file (default NAME ${DEFAULT_ENV_KEY}) is replaced
                    or added; every other line stays byte for byte; written atomically with the
                    file's own mode (0600 for a new file). A symbolic link, or a file of another
                    user, is refused.
  --github NAME     gh secret set NAME [--repo OWNER/REPO] [--env ENV], after gh auth status.
                    Without --repo, gh finds the repository from the folder you run this in.
  --aws SECRET_ID   aws secretsmanager put-secret-value --secret-id SECRET_ID
                    --secret-string file:///dev/stdin [--region REGION]   (not on Windows)
  --gcloud SECRET   gcloud secrets versions add SECRET --data-file=- [--project PROJECT]
  --vault PATH      vault kv patch PATH FIELD=-   (FIELD from --key, default ${DEFAULT_ENV_KEY})
  --command -- ...  any program, run without a shell in the folder you run this in, with the token
                    on its standard input and nowhere else.
Every program gets the token on its standard input only: never as an argument nor in its
environment (which never holds TOKEN_DESK_PASSPHRASE, TOKEN_DESK_APP_SECRET nor
SANDBOX_CONTROL_KEY), and it is stopped after 60 seconds (TOKEN_DESK_COMMAND_TIMEOUT_MS). A
destination stores no credential: the tools log in their own way.
deliver [ID_OR_NAME] delivers now: that token's destinations, or every token's. A failure leaves
the destination as it was; it is tried again at the next renewal.
list --json prints [{"tokenId", "name", "destinations": [{"id", "kind", "where", "refused",
"last": {"at", "ok", "message"}}]}]; deliver --json prints [{"tokenId", "name", "results":
[{"destinationId", "where", "ok", "at", "message", "fix"}], "refused": [{"id", "kind",
"reason"}]}]. A word that is a sub-command (add, list, remove) is never read as a token's name:
give such a token by its id.
Exit 0 when every delivery succeeded; 1 when one failed or a destination is refused (with the
reasons); 2 for usage or an unknown token or destination.`

function words(own: readonly string[], rest: readonly string[]): void {
  const [sub] = own
  const extra = (max: number, what: string): void => {
    if (own.length > max) throw new UsageError(`token-desk deliver ${what}. See token-desk deliver --help.`)
  }
  if (sub === 'add') {
    if (own.length < 2) throw new UsageError('token-desk deliver add needs the id or name of a stored token. See token-desk deliver --help.')
    extra(2, 'add takes one token and one destination')
    return
  }
  if (rest.length > 0) throw new UsageError('Only deliver add --command takes words after --.')
  if (sub === 'list') return extra(2, 'list takes at most one token')
  if (sub === 'remove') {
    if (own.length !== 3) throw new UsageError('token-desk deliver remove needs the token and the destination id (see token-desk deliver list).')
    return
  }
  extra(1, 'takes at most one token')
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

function specOf(run: Run): DestinationSpec {
  const v = run.values
  const given = KIND_OPTIONS.filter((k) => v[k] !== undefined)
  if (given.length !== 1) throw new UsageError(`Give one destination: ${KIND_OPTIONS.map((k) => `--${k}`).join(', ')}. See token-desk deliver --help.`)
  const kind = given[0]!
  const only = (allowed: readonly string[]): void => {
    const stray = ['key', 'repo', 'env', 'region', 'project'].find((o) => v[o] !== undefined && !allowed.includes(o))
    if (stray) throw new UsageError(`--${stray} does not go with --${kind}.`)
  }
  if (kind !== 'command' && run.rest.length > 0) throw new UsageError('Only --command takes words after --.')
  const cwd = process.cwd()
  switch (kind) {
    case 'env-file':
      only(['key'])
      return { kind: 'env-file', path: expandPath(text(v['env-file']) ?? '', cwd), key: text(v.key) ?? DEFAULT_ENV_KEY }
    case 'github':
      only(['repo', 'env'])
      return { kind: 'github', name: text(v.github) ?? '', ...(text(v.repo) ? { repo: text(v.repo) } : { cwd }), ...(text(v.env) ? { env: text(v.env) } : {}) }
    case 'aws':
      only(['region'])
      return { kind: 'aws', secretId: text(v.aws) ?? '', ...(text(v.region) ? { region: text(v.region) } : {}) }
    case 'gcloud':
      only(['project'])
      return { kind: 'gcloud', secret: text(v.gcloud) ?? '', ...(text(v.project) ? { project: text(v.project) } : {}) }
    case 'vault':
      only(['key'])
      return { kind: 'vault', path: text(v.vault) ?? '', field: text(v.key) ?? DEFAULT_ENV_KEY }
    case 'command': {
      only([])
      if (v.command !== true) throw new UsageError('--command takes no value: the command follows --.')
      const [program, ...args] = run.rest
      if (program === undefined) throw new UsageError('token-desk deliver add --command needs -- COMMAND [ARGS...].')
      const found = resolveProgram(program, run.io.env, cwd)
      if (found === null) run.note(`Note: ${program} is not on PATH now; Token Desk looks for it again at each delivery.`)
      return { kind: 'command', argv: [found ?? program, ...args], cwd }
    }
  }
}

async function add(run: Run, home: Home, ref: string) {
  const entry = findEntry(home.tokens, ref)
  const destination = await home.deliveries.add(entry.id, specOf(run))
  const where = destinationSummaries([destination])[0]?.where ?? ''
  return {
    exitCode: EXIT.ok,
    data: { tokenId: entry.id, name: entry.meta.name, id: destination.id, kind: destination.kind, where },
    text: `${entry.meta.name} is now delivered to ${where} (destination ${destination.id}) after every renewal. Deliver it now: token-desk deliver ${entry.id}`,
  }
}

function listed(home: Home, ref: string | undefined) {
  const entries = ref === undefined ? home.tokens.list() : [findEntry(home.tokens, ref)]
  const data = entries
    .filter((e) => ref !== undefined || e.meta.destinations !== undefined)
    .map((e) => ({ tokenId: e.id, name: e.meta.name, destinations: destinationSummaries(e.meta.destinations) }))
    .filter((t) => ref !== undefined || t.destinations.length > 0)
  const lines = data.flatMap((t) => [
    `${t.name} (${t.tokenId}):`,
    ...(t.destinations.length === 0 ? ['  no destinations'] : []),
    ...t.destinations.map((d) => {
      const last = d.refused ? `refused: ${d.refused}` : d.last ? `${d.last.ok ? 'delivered' : 'failed'} ${d.last.at}${d.last.ok ? '' : `: ${d.last.message}`}` : 'not delivered yet'
      return `  ${d.id ?? '-'}  ${d.where}  (${last})`
    }),
  ])
  return { exitCode: EXIT.ok, data, text: lines.length > 0 ? lines.join('\n') : 'No token has a destination yet. Add one: token-desk deliver add ID_OR_NAME --env-file PATH' }
}

async function removeOne(home: Home, ref: string, destinationId: string) {
  const entry = findEntry(home.tokens, ref)
  const where = destinationSummaries(entry.meta.destinations).find((d) => d.id === destinationId)?.where
  if (!(await home.deliveries.remove(entry.id, destinationId))) throw new UsageError(`${entry.meta.name} has no destination ${destinationId}. See token-desk deliver list.`, 'not-found')
  return { exitCode: EXIT.ok, data: { tokenId: entry.id, id: destinationId, removed: true }, text: `${entry.meta.name} is no longer delivered to ${where ?? destinationId}.` }
}

async function deliverNow(run: Run, home: Home, ref: string | undefined) {
  const entries = ref === undefined ? home.tokens.list().filter((e) => destinationSummaries(e.meta.destinations).length > 0) : [findEntry(home.tokens, ref)]
  const reports: DeliveryReport[] = []
  let failed = 0
  for (const entry of entries) {
    try {
      const report = await home.deliveries.deliver(entry.id)
      reports.push(report)
      failed += report.results.filter((r) => !r.ok).length + report.refused.length
    } catch (error) {
      if (!(error instanceof DestinationError)) throw error
      run.note(error.message)
      reports.push({ tokenId: entry.id, name: entry.meta.name, trigger: 'on-demand', results: [], refused: [] })
      failed += 1
    }
  }
  const lines = reports.flatMap((r) => (r.results.length === 0 && r.refused.length === 0 ? [`${r.name} has no destinations.`] : deliveryLines(r)))
  const data = reports.map((r) => ({ tokenId: r.tokenId, name: r.name, results: r.results, refused: r.refused }))
  if (entries.length === 0) return { exitCode: EXIT.ok, data, text: 'No token has a destination yet. Add one: token-desk deliver add ID_OR_NAME --env-file PATH' }
  const outcome = { exitCode: failed > 0 ? EXIT.invalidToken : EXIT.ok, data, text: lines.join('\n') }
  if (failed > 0 && run.json) return outcome
  if (failed > 0) {
    run.print(outcome.text)
    throw new CommandFailure(`${failed} ${failed === 1 ? 'delivery' : 'deliveries'} did not succeed; each destination was left as it was.`, EXIT.invalidToken, 'delivery-failed')
  }
  return outcome
}

export const deliver: Command = {
  name: 'deliver',
  summary: 'Keep a stored token in .env files, CI secrets and secret managers, renewed after every renewal',
  help: HELP,
  options: {
    'env-file': { type: 'string' },
    key: { type: 'string' },
    github: { type: 'string' },
    repo: { type: 'string' },
    env: { type: 'string' },
    aws: { type: 'string' },
    region: { type: 'string' },
    gcloud: { type: 'string' },
    project: { type: 'string' },
    vault: { type: 'string' },
    command: { type: 'boolean' },
  },
  words,
  async run(run) {
    const [sub, a, b] = run.positionals
    const home = await openHome(run, { needKey: sub !== 'list' && sub !== 'remove', purpose: sub === 'add' ? 'add a destination' : 'deliver the stored tokens' })
    try {
      if (sub === 'add') return await add(run, home, a ?? '')
      if (sub === 'list') return listed(home, a)
      if (sub === 'remove') return await removeOne(home, a ?? '', b ?? '')
      const stray = [...KIND_OPTIONS, 'key', 'repo', 'env', 'region', 'project'].find((o) => run.values[o] !== undefined)
      if (stray) throw new UsageError(`--${stray} goes with token-desk deliver add.`)
      return await deliverNow(run, home, sub)
    } catch (error) {
      if (error instanceof DestinationError) throw new UsageError(error.message, 'invalid-destination')
      throw error
    }
  },
}
