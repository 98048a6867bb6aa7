import { passwordField } from './consent-page'
import { escapeHtml, htmlPage } from './html'

export interface BusinessConsentView {
  appName: string
  userName: string
  requestId: string
  action: string
  configName: string
  tokenType: 'user' | 'system_user'
  /** The configuration's permissions, each with a decline box (declining any grants nothing). */
  permissions: string[]
  reauthenticate: boolean
  /** System-user configurations: the business portfolios the person has full control of. */
  businesses: { id: string; name: string; chosen: boolean }[] | null
  pages: { id: string; name: string }[] | null
  adAccounts: { id: string; name: string }[] | null
}

function box(name: string, id: string, label: string, checked: boolean): string {
  const htmlId = `${name}-${escapeHtml(id)}`
  return `<li><input type="checkbox" id="${htmlId}" name="${name}" value="${escapeHtml(id)}"${checked ? ' checked' : ''}> <label for="${htmlId}">${label}</label></li>`
}

function assets(legend: string, name: string, items: { id: string; name: string }[] | null): string {
  if (items === null) return ''
  return `<fieldset>
<legend>${escapeHtml(legend)}</legend>
<p class="why">All ticked: every current and future one. None ticked: the app gets none.</p>
<ul>
${items.map((i) => box(name, i.id, escapeHtml(i.name), true)).join('\n')}
</ul>
</fieldset>`
}

function portfolios(businesses: BusinessConsentView['businesses']): string {
  if (businesses === null) return ''
  const radio = (b: { id: string; name: string; chosen: boolean }): string => {
    const id = `business-${escapeHtml(b.id)}`
    return `<li><input type="radio" id="${id}" name="business" value="${escapeHtml(b.id)}"${b.chosen ? ' checked' : ''}> <label for="${id}">${escapeHtml(b.name)}</label></li>`
  }
  return `<fieldset>
<legend>Choose the business portfolio</legend>
<p class="why">The app gets a system user in this business, with the assets chosen below.</p>
<ul>
${businesses.map(radio).join('\n')}
</ul>
</fieldset>`
}

/**
 * Facebook Login for Business's dialog (login-for-business.md §3): the configuration's
 * permissions, all or nothing; for a system-user configuration the business portfolio first;
 * then the assets per type. Meta shows its screens only as images: the layout is ours.
 */
export function businessConsentPage(view: BusinessConsentView): string {
  const app = escapeHtml(view.appName)
  const user = escapeHtml(view.userName)
  const kind = view.tokenType === 'system_user' ? 'a system-user access token for a business' : 'a user access token'
  const password = passwordField(view.reauthenticate)
  return htmlPage(
    `Log in to ${view.appName}`,
    `<h1>${app} is requesting access</h1>
<p>Continuing as <strong>${user}</strong>. Facebook Login for Business, configuration “${escapeHtml(view.configName)}”: ${kind}.</p>
<form method="post" action="${escapeHtml(view.action)}">
<input type="hidden" name="request" value="${escapeHtml(view.requestId)}">
${password}
${portfolios(view.businesses)}
<fieldset>
<legend>Permissions</legend>
<p class="why">The app needs all of them: declining any one grants it nothing.</p>
<ul>
${view.permissions.map((p) => box('decline', p, `Don’t allow <code>${escapeHtml(p)}</code>`, false)).join('\n')}
</ul>
</fieldset>
${assets(`Choose the Pages you want ${view.appName} to access`, 'page', view.pages)}
${assets(`Choose the ad accounts you want ${view.appName} to access`, 'account', view.adAccounts)}
<div class="actions">
<button class="primary" type="submit" name="action" value="continue">Continue as ${user}</button>
<button class="secondary" type="submit" name="action" value="cancel">Cancel</button>
</div>
</form>`,
  )
}
