import type { DialogPage, DoctorFinding } from '../../../preload/api'
import { explainDialogPage } from './dialog-pages'
import { probeDialog } from './dialog-probe'
import { fail, pass, skip } from './finding'
import type { DoctorInput } from './input'

function refused(page: DialogPage, redirectUri: string | null, input: DoctorInput): DoctorFinding {
  const e = explainDialogPage(page, redirectUri, { configUsed: Boolean(input.configId), ...(input.loginHost ? { host: input.loginHost } : {}) })
  return fail('login-dialog', `Facebook’s login page says “${e.shown}”. ${e.reason}`, e.fix, e.where)
}

/**
 * The refusal page the last login ended on, if a login window recognised one; otherwise a look
 * at the dialog without logging in. Redirect URIs and app domains have no Graph field, so this
 * is the only way to catch "URL Blocked" before a login does.
 */
/** The redirect address the dialog is asked to return to, read from its URL. */
function redirectOf(url: string | undefined): string | null {
  if (!url) return null
  try {
    return new URL(url).searchParams.get('redirect_uri')
  } catch {
    return null
  }
}

export async function checkLoginDialog(input: DoctorInput): Promise<{ finding: DoctorFinding; page: DialogPage | null }> {
  const redirectUri = redirectOf(input.dialogProbe?.url)
  if (input.dialogPage) return { finding: refused(input.dialogPage, redirectUri, input), page: input.dialogPage }
  if (!input.dialogProbe) return { finding: skip('login-dialog', 'Not looked at: it is checked when you log in.'), page: null }
  const { url, fetch, timeoutMs } = input.dialogProbe
  const seen = await probeDialog(url, fetch, timeoutMs)
  switch (seen.kind) {
    case 'refused':
      return { finding: refused(seen.page, redirectUri, input), page: seen.page }
    case 'unreachable':
      return { finding: skip('login-dialog', `${seen.message} It is checked again when you log in.`), page: null }
    case 'opened':
      return { finding: pass('login-dialog', 'Facebook’s login dialog opened without a refusal page. Some refusals show only after logging in: Token Desk recognises them then.'), page: null }
  }
}
