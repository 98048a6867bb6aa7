import { existsSync } from 'node:fs'
import { PURPOSES, type DoctorReport, type Purpose } from '../../preload/api'
import { checkApp } from '../core/doctor'
import { registerSecret } from '../core/redact'
import type { Command, Run } from './command'
import { requireApp } from './config'
import { openHome, tokensDir } from './context'
import { EXIT, UsageError, type ExitCode } from './errors'

const MARK: Record<string, string> = { pass: '✓', warning: '!', failure: '✕', skipped: '-' }

/** A stored user token for the app, when the vault opens without asking: roles and Require App Secret use it. */
async function storedUserToken(run: Run, appId: string): Promise<string | null> {
  // No vault yet: opening one would create its key file, which a check must not do.
  if (!existsSync(tokensDir(run.config.home))) return null
  try {
    const home = await openHome(run, { needKey: false, purpose: 'read a stored token' })
    const entry = home.tokens.list().find((e) => e.meta.kind === 'USER' && e.meta.appId === appId && e.meta.status !== 'dead' && !e.problem)
    const token = entry ? await home.tokens.getSecret(entry.id) : null
    registerSecret(token)
    return token
  } catch (error) {
    run.note(`The stored tokens could not be read (${error instanceof Error ? error.message : 'unknown error'}); checking the app without one.`)
    return null
  }
}

function exitCodeOf(report: DoctorReport): ExitCode {
  if (report.outcome === 'unreachable') return EXIT.graph
  return report.outcome === 'failure' ? EXIT.invalidToken : EXIT.ok
}

/** For people: one line per check, and the fix and its place under each warning and failure. */
export function doctorText(report: DoctorReport): string {
  const counts = ['failure', 'warning'].map((s) => [s, report.findings.filter((f) => f.status === s).length] as const).filter(([, n]) => n > 0)
  const summary = report.outcome === 'unreachable' ? 'Facebook could not be reached' : counts.length ? counts.map(([s, n]) => `${n} ${s}${n === 1 ? '' : 's'}`).join(', ') : 'all checks passed'
  const lines = [`App ${report.appId}${report.appName ? ` “${report.appName}”` : ''}: ${summary}.`, '']
  const width = Math.max(...report.findings.map((f) => f.title.length))
  for (const f of report.findings) {
    lines.push(`${MARK[f.status] ?? '?'} ${f.title.padEnd(width)}  ${f.reason}`)
    if (f.fix) lines.push(`  ${''.padEnd(width)}  Fix: ${f.fix}`)
    if (f.where) lines.push(`  ${''.padEnd(width)}  Where: ${f.where}`)
  }
  return lines.join('\n')
}

export const doctor: Command = {
  name: 'doctor',
  summary: 'Check your Meta app: App ID and secret, settings, roles, permissions, login dialog, API version',
  help: `Usage: token-desk doctor [--json] [--purpose manage-ads|read-insights|manage-pages]

Checks the Meta app in TOKEN_DESK_APP_ID and TOKEN_DESK_APP_SECRET, as Settings > Check my app
does: that the App ID exists and the secret is right, API access, the app type (Native or
desktop), name, category and business, age and country restrictions, the server IP allowlist,
the roles, the permissions approved in App Review against what the purpose needs (default
manage-ads), "Require app secret", the login dialog (opened without logging in) and the API
version, and Facebook Login for Business: with TOKEN_DESK_CONFIG_ID set, the dialog is opened
through that configuration, as a Business app's logins are, and the doctor checks the app
knows it. Roles and "Require app secret" use a stored user token of the app when the vault
opens (TOKEN_DESK_PASSPHRASE); without one they wait for a login.
Each check is pass, warning, failure or skipped, with the fix and the place in the App
Dashboard. --json prints {"appId", "appName", "checkedAt", "outcome", "findings": [{"check",
"title", "status", "reason", "fix", "where"}]}; no secret or token is ever in it.
Exit 0 when no check failed (warnings allowed), 1 when one failed, 3 when Facebook could not
be reached.`,
  options: { purpose: { type: 'string' } },
  async run(run) {
    const purpose = (run.values.purpose ?? 'manage-ads') as Purpose
    if (!PURPOSES.includes(purpose)) throw new UsageError(`--purpose is one of ${PURPOSES.join(', ')}.`)
    const app = requireApp(run.config)
    const graph = run.graph(app)
    const report = await checkApp({
      graph,
      appId: app.appId,
      purpose,
      userToken: await storedUserToken(run, app.appId),
      dialogPage: null,
      // Logins from the desktop app and the CLI's own settings return to Facebook's login_success page.
      redirectUri: `${graph.wwwUrl}/connect/login_success.html`,
      // A Business app's dialog is looked at through its configuration (TOKEN_DESK_CONFIG_ID), as its logins go.
      configId: run.config.configId,
      fetch: globalThis.fetch.bind(globalThis),
      now: Date.now(),
      log: run.log,
    })
    return { exitCode: exitCodeOf(report), data: report, text: doctorText(report) }
  },
}
