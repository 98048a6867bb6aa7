import { DOCTOR_CHECKS, type DoctorFinding, type DoctorReport } from '../../../preload/api'
import { APP_BLOCKED_WORDS } from '../graph/classify'
import { checkAppNode } from './app-node'
import { checkBusinessLogin } from './business-login'
import { checkCredentials } from './credentials'
import { fail, pass, skip } from './finding'
import type { DoctorInput } from './input'
import { checkLoginDialog } from './login-dialog'
import { checkPermissions } from './permissions'
import { PLACES } from './places'
import { checkRequireSecret } from './require-secret'
import { checkRoles } from './roles'
import { newRunState } from './state'
import { checkVersions } from './versions-check'

function outcomeOf(findings: readonly DoctorFinding[]): DoctorReport['outcome'] {
  if (findings.some((f) => f.status === 'failure')) return 'failure'
  if (findings.some((f) => f.status === 'warning')) return 'warning'
  return 'pass'
}

/**
 * The app doctor (graph-api-doctor.md §1.8): the App ID and secret, the app's own settings, the
 * roles, the approved permissions, "Require App Secret", the login dialog and the API version.
 * Each check says pass, warning, failure or skipped, in plain words, with where to fix it. The
 * report holds no token, secret or proof: only what Facebook said about the app.
 */
export async function runDoctor(input: DoctorInput): Promise<DoctorReport> {
  const state = newRunState()
  const credentials = await checkCredentials(input)
  if (credentials.verdict === 'blocked') state.blocked = true
  const findings: DoctorFinding[] = [credentials.finding]
  if (credentials.verdict === 'unreachable') {
    for (const check of DOCTOR_CHECKS) if (check !== 'credentials') findings.push(skip(check, 'Facebook could not be reached.'))
    return report(input, findings, 'unreachable', null)
  }
  const app = await checkAppNode(input, credentials.verdict, state)
  const appFindings = app.findings
  findings.push(...appFindings)
  const appTokenUsable = credentials.verdict === 'ok' && !state.nativeDesktop && !state.blocked && appFindings.some((f) => f.check === 'app-settings' && f.status !== 'skipped')
  // The dialog first: a refusal it shows ("App Not Setup") is evidence for the roles check.
  const dialog = await checkLoginDialog(input)
  const seen = { ...input, dialogPage: dialog.page }
  findings.push(await checkRoles(seen, state, appTokenUsable))
  findings.push(await checkPermissions(seen, state, appTokenUsable))
  findings.push(await checkRequireSecret(seen, state))
  findings.push(dialog.finding)
  findings.push(await checkBusinessLogin(seen, state, appTokenUsable))
  findings.push(checkVersions(input.graph, input.now))
  findings.push(
    state.blocked
      ? fail('app-access', APP_BLOCKED_WORDS[0], APP_BLOCKED_WORDS[1], PLACES.appDashboardAlerts)
      : credentials.verdict === 'wrong'
        ? skip('app-access', 'Needs a working App ID and App Secret first.')
        : pass('app-access', 'Facebook answers the app’s calls: nothing said “API access blocked”.'),
  )
  return report(input, findings, outcomeOf(findings), app.appName)
}

function report(input: DoctorInput, findings: DoctorFinding[], outcome: DoctorReport['outcome'], appName: string | null): DoctorReport {
  const order = (f: DoctorFinding): number => DOCTOR_CHECKS.indexOf(f.check)
  return {
    appId: input.appId,
    appName,
    checkedAt: new Date(input.now).toISOString(),
    outcome,
    findings: [...findings].sort((a, b) => order(a) - order(b)),
  }
}
