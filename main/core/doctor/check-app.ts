import { randomBytes } from 'node:crypto'
import type { DialogPage, DoctorReport, Purpose } from '../../../preload/api'
import type { GraphClient } from '../graph'
import type { Logger } from '../ports'
import { dialogUrl } from '../tokens/dialog-url'
import { PURPOSE_LABELS, PURPOSE_SCOPES } from '../tokens/scopes'
import { runDoctor } from './run'

export interface CheckAppOptions {
  graph: GraphClient
  appId: string
  purpose: Purpose
  /** Scopes asked for besides the purpose's (the wizard's own choice). */
  scopes?: readonly string[]
  /** A user token of the person who logs in, if there is one. */
  userToken: string | null
  /** Who that is, when already known (the wizard's inspection); otherwise asked with /me. */
  person?: { id: string; name: string | null } | null
  dialogPage: DialogPage | null
  /** Where logins return: the dialog is looked at with it. */
  redirectUri: string
  /** The Login for Business configuration logins use for this purpose; null or absent: the classic dialog. */
  configId?: string | null
  /** What that configuration granted at the last login through it, when known. */
  configGranted?: readonly string[] | null
  /** Where logins return: a browser's http://localhost address, or the desktop window. */
  loginHost?: 'browser' | 'window'
  fetch: typeof fetch
  now: number
  log: Logger
}

async function whoIs(graph: GraphClient, token: string | null): Promise<{ id: string; name: string | null } | null> {
  if (!token) return null
  try {
    const me = await graph.me(token, ['id', 'name'])
    return { id: me.id, name: typeof me.name === 'string' ? me.name : null }
  } catch {
    // Without the person the doctor still checks the app; its roles check then lists who has one.
    return null
  }
}

/**
 * The doctor as both faces use it (Settings' Check my app, `token-desk doctor`): the purpose's
 * permissions, the person behind the token, and a look at the login dialog with the redirect
 * address logins use.
 */
export async function checkApp(options: CheckAppOptions): Promise<DoctorReport> {
  const scopes = options.scopes ?? PURPOSE_SCOPES[options.purpose]
  const state = randomBytes(16).toString('hex')
  const configId = options.configId ?? null
  const dialog = dialogUrl(options.graph, {
    redirectUri: options.redirectUri,
    state,
    login: configId ? { kind: 'business', configId } : { kind: 'classic', scopes },
  })
  const report = await runDoctor({
    graph: options.graph,
    appId: options.appId,
    neededScopes: scopes,
    purposeLabel: PURPOSE_LABELS[options.purpose],
    userToken: options.userToken,
    person: options.person ?? (await whoIs(options.graph, options.userToken)),
    dialogPage: options.dialogPage,
    dialogProbe: { url: dialog, fetch: options.fetch },
    configId,
    configGranted: options.configGranted ?? null,
    ...(options.loginHost ? { loginHost: options.loginHost } : {}),
    now: options.now,
    log: options.log,
  })
  options.log.info('app doctor', { outcome: report.outcome, findings: report.findings.map((f) => `${f.check}:${f.status}`).join(' ') })
  return report
}
