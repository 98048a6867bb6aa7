import { randomBytes } from 'node:crypto'
import { homedir } from 'node:os'
import { isAbsolute, resolve } from 'node:path'
import { z } from 'zod'
import { holdsUserToken } from '../../../preload/api'
import {
  DEFAULT_ENV_KEY,
  DESTINATION_KINDS,
  FIELD_RULES,
  MAX_DESTINATIONS,
  destinationInput,
  type DestinationInput,
  type DestinationKind,
} from '../../../preload/destinations'
import { redactText } from '../redact'

/** How the last delivery to a destination went: when, and in plain words (redacted). */
export interface LastDelivery {
  at: number
  ok: boolean
  message: string
  /** What fixes a failure. */
  fix?: string
}

export type DestinationSpec =
  | { kind: 'env-file'; path: string; key: string }
  | { kind: 'github'; name: string; repo?: string; env?: string; cwd?: string }
  | { kind: 'aws'; secretId: string; region?: string }
  | { kind: 'gcloud'; secret: string; project?: string }
  | { kind: 'vault'; path: string; field: string }
  | { kind: 'command'; argv: string[]; cwd?: string }

/** A destination as the vault keeps it beside the token: a path, a name, an argument list; never a credential. */
export type Destination = DestinationSpec & { id: string; last?: LastDelivery }

/** An entry of the vault's list that Token Desk will not deliver to, with the reason. */
export interface RefusedDestination {
  id: string | null
  kind: string | null
  reason: string
}

export const DESTINATION_ID = /^d[0-9a-f]{12}$/

const newDestinationId = (): string => `d${randomBytes(6).toString('hex')}`

/** Programs that read their first argument as a script: `sh -c "…"` is a shell string by another name. */
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish', 'csh', 'tcsh', 'cmd', 'cmd.exe', 'powershell', 'powershell.exe', 'pwsh', 'pwsh.exe'])
const SHELL_SCRIPT_FLAGS = new Set(['-c', '/c', '/C', '-Command', '-command', '-EncodedCommand', '-e'])
/** What only a shell gives meaning to; in a program's name it means a command line was written as one word. */
const SHELL_SYNTAX = /[|;&<>`$\n]|\s/

const programName = (argv0: string): string => argv0.split(/[\\/]/).pop() ?? argv0

const isAbsolutePath = (p: string): boolean => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p)

/** Why an argument list is not one Token Desk runs, or null. */
export function commandProblem(argv: readonly string[]): string | null {
  const [program, ...args] = argv
  if (program === undefined || program === '') return 'it has no program to run'
  if (SHELLS.has(programName(program).toLowerCase()) && args.some((a) => SHELL_SCRIPT_FLAGS.has(a))) {
    return `it runs a shell (${programName(program)} ${args.find((a) => SHELL_SCRIPT_FLAGS.has(a))}), and Token Desk runs commands without one: put the steps in a script and name the script`
  }
  if (SHELL_SYNTAX.test(program) && !(isAbsolutePath(program) && !/[|;&<>`$\n]/.test(program))) {
    return 'its program is a whole command line in one word: give the program and each argument separately (Token Desk runs it without a shell)'
  }
  return null
}

/** Every text of a destination that could carry a credential. */
function textsOf(spec: DestinationSpec): string[] {
  switch (spec.kind) {
    case 'env-file':
      return [spec.path, spec.key]
    case 'github':
      return [spec.name, spec.repo ?? '', spec.env ?? '', spec.cwd ?? '']
    case 'aws':
      return [spec.secretId, spec.region ?? '']
    case 'gcloud':
      return [spec.secret, spec.project ?? '']
    case 'vault':
      return [spec.path, spec.field]
    case 'command':
      return [...spec.argv, spec.cwd ?? '']
  }
}

/** A destination stores no credential: nothing token-shaped, no "password=…" pair, no known secret. */
export function holdsCredential(spec: DestinationSpec): boolean {
  return textsOf(spec).some((t) => holdsUserToken(t) || redactText(t) !== t)
}

const rule = (r: RegExp) => z.string().regex(r)
const oneLine = z.string().min(1).max(4096).regex(/^[^\p{Cc}]*$/u)
const lastDelivery = z.object({ at: z.number().int().nonnegative(), ok: z.boolean(), message: z.string().max(2000), fix: z.string().max(1000).optional() }).strict()
const folder = oneLine.refine(isAbsolutePath)
const common = { id: z.string().regex(DESTINATION_ID), last: lastDelivery.optional() }

/** What the vault may hold: each kind exactly, nothing else (an edited file is checked on every read). */
const storedDestination = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.literal('env-file'), path: oneLine.refine(isAbsolutePath), key: rule(FIELD_RULES.envKey) }).strict(),
  z
    .object({ ...common, kind: z.literal('github'), name: rule(FIELD_RULES.githubName), repo: rule(FIELD_RULES.githubRepo).optional(), env: rule(FIELD_RULES.githubEnv).optional(), cwd: folder.optional() })
    .strict(),
  z.object({ ...common, kind: z.literal('aws'), secretId: rule(FIELD_RULES.awsSecretId), region: rule(FIELD_RULES.awsRegion).optional() }).strict(),
  z.object({ ...common, kind: z.literal('gcloud'), secret: rule(FIELD_RULES.gcloudSecret), project: rule(FIELD_RULES.gcloudProject).optional() }).strict(),
  z.object({ ...common, kind: z.literal('vault'), path: rule(FIELD_RULES.vaultPath), field: rule(FIELD_RULES.vaultField) }).strict(),
  z.object({ ...common, kind: z.literal('command'), argv: z.array(oneLine).min(1).max(64), cwd: folder.optional() }).strict(),
])

function refusalOf(raw: unknown): RefusedDestination {
  const record = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null
  const id = typeof record?.id === 'string' && DESTINATION_ID.test(record.id) ? record.id : null
  const kind = typeof record?.kind === 'string' ? record.kind.slice(0, 40) : null
  if (!record) return { id, kind, reason: 'it is not a destination record' }
  if (kind === null || !(DESTINATION_KINDS as readonly string[]).includes(kind)) {
    return { id, kind, reason: `it is of a kind Token Desk does not deliver to (${kind === null ? 'none given' : redactText(kind)}); the kinds are ${DESTINATION_KINDS.join(', ')}` }
  }
  if (kind === 'command' && typeof record.argv === 'string') return { id, kind, reason: 'its command is a shell string; Token Desk runs a program with a list of arguments, never a shell' }
  if (kind === 'command' && 'command' in record) return { id, kind, reason: 'its command is a shell string; Token Desk runs a program with a list of arguments, never a shell' }
  if (id === null) return { id, kind, reason: 'it has no valid id' }
  return { id, kind, reason: `its fields are not those of the ${kind} kind (an edited file?)` }
}

/**
 * The destinations kept beside a token, checked as they are read: the vault's metadata is a file
 * anyone with the user's rights can edit, and a destination decides what runs with the token. A
 * record that is not exactly one of the kinds, or that runs a shell, or that holds a credential,
 * is refused with the reason and never delivered to; the others stand.
 */
export function readDestinations(raw: unknown): { destinations: Destination[]; refused: RefusedDestination[] } {
  if (raw === undefined || raw === null) return { destinations: [], refused: [] }
  if (!Array.isArray(raw)) return { destinations: [], refused: [{ id: null, kind: null, reason: 'the list of destinations is not a list' }] }
  const destinations: Destination[] = []
  const refused: RefusedDestination[] = []
  const seen = new Set<string>()
  for (const item of raw.slice(0, MAX_DESTINATIONS * 4)) {
    const parsed = storedDestination.safeParse(item)
    if (!parsed.success) {
      refused.push(refusalOf(item))
      continue
    }
    const d = parsed.data
    const why =
      seen.has(d.id) ? 'its id is used twice'
      : destinations.length >= MAX_DESTINATIONS ? `a token has at most ${MAX_DESTINATIONS} destinations`
      : d.kind === 'command' ? commandProblem(d.argv)
      : null
    if (why) refused.push({ id: d.id, kind: d.kind, reason: why })
    else if (holdsCredential(d)) refused.push({ id: d.id, kind: d.kind, reason: 'it holds what looks like a credential, and a destination stores none' })
    else {
      seen.add(d.id)
      destinations.push(d)
    }
  }
  return { destinations, refused }
}

/** `~/x` and relative paths made absolute, as the person meant them. */
export function expandPath(path: string, cwd: string, home = homedir()): string {
  const p = path.trim()
  if (p === '~' || p.startsWith('~/')) return resolve(home, p.slice(2))
  return isAbsolute(p) ? resolve(p) : resolve(cwd, p)
}

/** A checked new destination from the window's form or the command line's options; throws with plain words. */
export function newDestination(spec: DestinationSpec): Destination {
  const destination = { ...spec, id: newDestinationId() } as Destination
  const parsed = storedDestination.safeParse(destination)
  if (!parsed.success) throw new DestinationError(`That destination is not valid: ${parsed.error.issues[0]?.path.join('.') ?? 'a field'} is not accepted.`)
  if (destination.kind === 'command') {
    const why = commandProblem(destination.argv)
    if (why) throw new DestinationError(`That command cannot be a destination: ${why}.`)
  }
  if (holdsCredential(destination)) throw new DestinationError('A destination stores no credential: give the name of the place, not a token, password or key.')
  return destination
}

/** The window's input, checked by its schema in the bridge, as a destination. */
export function specFromInput(input: DestinationInput, cwd: string): DestinationSpec {
  const checked = destinationInput.parse(input)
  switch (checked.kind) {
    case 'env-file':
      return { kind: 'env-file', path: expandPath(checked.path, cwd), key: checked.key ?? DEFAULT_ENV_KEY }
    case 'github':
      return { kind: 'github', name: checked.name, repo: checked.repo, ...(checked.env ? { env: checked.env } : {}) }
    case 'aws':
      return { kind: 'aws', secretId: checked.secretId, ...(checked.region ? { region: checked.region } : {}) }
    case 'gcloud':
      return { kind: 'gcloud', secret: checked.secret, ...(checked.project ? { project: checked.project } : {}) }
    case 'vault':
      return { kind: 'vault', path: checked.path, field: checked.field ?? DEFAULT_ENV_KEY }
  }
}

/** A destination that cannot be made or found: plain words, safe to show. */
export class DestinationError extends Error {
  override name = 'DestinationError'
}

const quoted = (arg: string): string => (/^[A-Za-z0-9_./:=@%+,-]+$/.test(arg) ? arg : `"${arg.replace(/(["\\])/g, '\\$1')}"`)

/** Where, in a few words: the list in the window, the command line, and every delivery message. */
export function whereOf(d: DestinationSpec): string {
  switch (d.kind) {
    case 'env-file':
      return `${d.path} (${d.key})`
    case 'github':
      return `GitHub Actions secret ${d.name} ${d.repo ? `in ${d.repo}` : `in the repository at ${d.cwd ?? 'the current folder'}`}${d.env ? `, environment ${d.env}` : ''}`
    case 'aws':
      return `AWS Secrets Manager secret ${d.secretId}${d.region ? ` (${d.region})` : ''}`
    case 'gcloud':
      return `Google Secret Manager secret ${d.secret}${d.project ? ` in ${d.project}` : ''}`
    case 'vault':
      return `HashiCorp Vault ${d.path}, field ${d.field}`
    case 'command':
      return `the command ${d.argv.map(quoted).join(' ')}`
  }
}

export type { DestinationKind }
