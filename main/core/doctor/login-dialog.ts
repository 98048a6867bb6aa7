import type { DialogPage, DoctorFinding } from '../../../preload/api'
import { explainDialogPage } from './dialog-pages'
import { probeDialog } from './dialog-probe'
import { fail, pass, skip } from './finding'
import type { DoctorInput } from './input'

function refused(page: DialogPage): DoctorFinding {
  const e = explainDialogPage(page)
  return fail('login-dialog', `Facebook’s login page says “${e.shown}”. ${e.reason}`, e.fix, e.where)
}

/**
 * The refusal page the last login ended on, if a login window recognised one; otherwise a look
 * at the dialog without logging in. Redirect URIs and app domains have no Graph field, so this
 * is the only way to catch "URL Blocked" before a login does.
 */
export async function checkLoginDialog(input: DoctorInput): Promise<DoctorFinding> {
  if (input.dialogPage) return refused(input.dialogPage)
  if (!input.dialogProbe) return skip('login-dialog', 'Not looked at: it is checked when you log in.')
  const { url, fetch, timeoutMs } = input.dialogProbe
  const seen = await probeDialog(url, fetch, timeoutMs)
  switch (seen.kind) {
    case 'refused':
      return refused(seen.page)
    case 'unreachable':
      return skip('login-dialog', `${seen.message} It is checked again when you log in.`)
    case 'opened':
      return pass('login-dialog', 'Facebook’s login dialog opened without a refusal page. Some refusals show only after logging in: Token Desk recognises them then.')
  }
}
