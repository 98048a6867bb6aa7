import type { DeathReason, Settings, TokenKind, TokenSummary } from '../../../preload/api'
import { alertCommand } from '../../../preload/api'
import { childEnv } from '../child-env'
import { groupFamilies } from '../families'
import { envValue, type Env } from '../home'
import type { AlertGroup, ReminderLog } from '../monitor'
import { redactText } from '../redact'
import { DEFAULT_COMMAND_TIMEOUT_MS, toolWords } from './deliver'
import { commandProblem } from './destination'
import { withUsualPath } from './program-path'
import { runCommand } from './run-command'

export const ALERT_COMMAND_ENV = 'TOKEN_DESK_ALERT_COMMAND'

/**
 * One alert as the alert command gets it on standard input: one JSON object per group, so a
 * password change that ends 58 tokens is one object naming 58 tokens. Names and ids only: never
 * a token, nor anything else secret. `text` is the whole alert in one sentence or two, the field
 * a Slack incoming webhook reads (https://api.slack.com/messaging/webhooks).
 */
export interface AlertObject {
  source: 'token-desk'
  /** stopped: the tokens no longer work; ending: a clock runs out soon; test: Settings > Send a test alert. */
  kind: 'stopped' | 'ending' | 'test'
  /** The death's reason (password-changed, expired…), or the clock that runs out: expires, data-access. */
  cause: DeathReason | 'expires' | 'data-access' | 'test'
  /** For an ending clock: whole days left (0: today). */
  daysLeft: number | null
  title: string
  fix: string
  text: string
  family: { id: string; name: string } | null
  tokens: { id: string; name: string; kind: TokenKind }[]
  at: string
}

export function alertObject(group: AlertGroup, tokens: readonly TokenSummary[], now: number): AlertObject {
  const byId = new Map(tokens.map((t) => [t.id, t]))
  const family = group.familyId ? groupFamilies(tokens).find((f) => f.id === group.familyId) : undefined
  const { title, body } = group.notification
  return {
    source: 'token-desk',
    kind: group.kind === 'death' ? 'stopped' : 'ending',
    cause: 'reason' in group.cause ? group.cause.reason : group.cause.clock,
    daysLeft: 'daysLeft' in group.cause ? group.cause.daysLeft : null,
    title,
    fix: body,
    text: `Token Desk: ${title}. ${body}`,
    family: family ? { id: family.id, name: family.name } : null,
    tokens: group.tokenIds.map((id) => ({ id, name: byId.get(id)?.name ?? 'A removed token', kind: byId.get(id)?.kind ?? 'USER' })),
    at: new Date(now).toISOString(),
  }
}

export function testAlert(now: number): AlertObject {
  const title = 'This is a test alert from Token Desk'
  const fix = 'Nothing to do: alerts about your tokens will arrive the same way.'
  return { source: 'token-desk', kind: 'test', cause: 'test', daysLeft: null, title, fix, text: `Token Desk: ${title}. ${fix}`, family: null, tokens: [], at: new Date(now).toISOString() }
}

/** A malformed TOKEN_DESK_ALERT_COMMAND: said in plain words. */
export class AlertCommandError extends Error {
  override name = 'AlertCommandError'
}

/**
 * The alert command: TOKEN_DESK_ALERT_COMMAND when set (for this process: cron, a server),
 * else Settings. The variable holds a JSON array of words (["curl","-sS",…]), or one program's
 * path with no spaces; never a shell string, since no shell runs it.
 */
export function alertCommandOf(env: Env, settings: Pick<Settings, 'alertCommand'>): { argv: string[]; from: 'environment' | 'settings' } | null {
  const raw = envValue(env, ALERT_COMMAND_ENV)
  if (raw !== undefined) {
    let argv: unknown = [raw]
    if (raw.startsWith('[')) {
      try {
        argv = JSON.parse(raw)
      } catch {
        throw new AlertCommandError(`${ALERT_COMMAND_ENV} starts with [ but is not a JSON array of words.`)
      }
    } else if (/\s/.test(raw)) {
      throw new AlertCommandError(`${ALERT_COMMAND_ENV} holds spaces: no shell runs it, so give it as a JSON array, for example ["curl","--data-binary","@-","-K","slack.curl"].`)
    }
    const parsed = alertCommand.safeParse(argv)
    if (!parsed.success || parsed.data.length === 0) throw new AlertCommandError(`${ALERT_COMMAND_ENV} must be a JSON array of 1 to 64 words, each one line (and no token).`)
    const why = commandProblem(parsed.data)
    if (why) throw new AlertCommandError(`${ALERT_COMMAND_ENV} cannot be run: ${why}.`)
    return { argv: parsed.data, from: 'environment' }
  }
  const argv = settings.alertCommand ?? []
  return argv.length > 0 ? { argv: [...argv], from: 'settings' } : null
}

export interface AlertPorts {
  env: Env
  timeoutMs?: number
}

/** Runs the alert command once with `alert` as one line of JSON on its standard input. */
export async function sendAlert(argv: readonly string[], alert: AlertObject, ports: AlertPorts): Promise<{ ok: boolean; message: string }> {
  const timeoutMs = ports.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS
  const why = commandProblem(argv)
  if (why) return { ok: false, message: `The alert command cannot be run: ${why}.` }
  // Redacted once more: nothing in an alert is secret, and nothing secret may slip in.
  const input = `${redactText(JSON.stringify(alert))}\n`
  const result = await runCommand({ argv, input, env: childEnv(withUsualPath(ports.env)), timeoutMs })
  const program = argv[0] ?? 'The alert command'
  switch (result.kind) {
    case 'exited':
      if (result.code === 0) return { ok: true, message: `${program} took the alert.` }
      return { ok: false, message: `The alert command ${program} failed (exit code ${result.code}).${result.output ? ` It said: “${toolWords(result.output)}”` : ''}` }
    case 'timed-out':
      return { ok: false, message: `The alert command ${program} did not finish within ${Math.round(timeoutMs / 1000)} seconds and was stopped.` }
    case 'signalled':
      return { ok: false, message: `The alert command ${program} was ended by ${result.signal}.` }
    case 'not-started':
      return { ok: false, message: result.why === 'not-found' ? `The alert command ${program} was not found.` : `The alert command ${program} could not be started.` }
  }
}

/** The mark that a group's event went to the alert command, beside the key of its reminder. */
export const alertedKey = (key: string): string => `${key}#alert`

/**
 * Sends each group not sent yet (by this face or another: the desktop app and `check --alert`
 * from cron share the reminder log), and marks it sent only once the command took it, so a
 * failed alert is tried again by the next run.
 */
export async function sendAlerts(
  groups: readonly AlertGroup[],
  tokens: readonly TokenSummary[],
  argv: readonly string[],
  ports: AlertPorts & { now(): number; sent: ReminderLog },
): Promise<{ group: AlertGroup; alert: AlertObject; ok: boolean; message: string }[]> {
  const out = []
  for (const group of groups) {
    if (group.keys.length > 0 && group.keys.every((k) => ports.sent.has(alertedKey(k)))) continue
    const alert = alertObject(group, tokens, ports.now())
    const result = await sendAlert(argv, alert, ports)
    if (result.ok) for (const key of group.keys) ports.sent.add(alertedKey(key))
    out.push({ group, alert, ...result })
  }
  return out
}
