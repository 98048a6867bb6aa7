import { escapeHtml, htmlPage } from './html'

const WHY: Record<string, string> = {
  public_profile: 'Your name and profile picture. Always shared.',
  email: 'Your email address.',
  ads_management: 'Create and manage ads for ad accounts you can reach.',
  ads_read: 'Read ads reports for ad accounts you can reach.',
  business_management: 'Manage your business assets.',
  read_insights: 'Read Page and ad insights.',
  pages_show_list: 'See the list of Pages you manage.',
  pages_read_engagement: 'Read content and engagement on your Pages.',
  pages_manage_posts: 'Create, edit and delete posts on your Pages.',
  pages_manage_metadata: 'Manage your Pages\u2019 settings and webhooks.',
  pages_manage_ads: 'Manage ads for your Pages.',
  pages_read_user_content: 'Read what people post on your Pages.',
  pages_manage_engagement: 'Manage comments on your Pages.',
}

export interface ConsentView {
  appName: string
  userName: string
  requestId: string
  action: string
  asked: string[]
  stillDeclined: string[]
  reauthenticate: boolean
  /** The Page chooser (empty: not shown). `ticked`: chosen before, or every Page on a first login. */
  pages: { id: string; name: string; ticked: boolean }[]
}

/**
 * One permission, allowed unless its box is unticked, as Facebook's "Edit access" switches read:
 * on is allowed. The hidden `offered` field says which boxes there were, so an unticked one
 * (which a browser does not send) is a decline.
 */
function permissionItem(scope: string): string {
  const why = escapeHtml(WHY[scope] ?? 'A permission the app asked for.')
  if (scope === 'public_profile') {
    return `<li class="permission"><span></span><span><code>public_profile</code></span><span class="why">${why}</span></li>`
  }
  const value = escapeHtml(scope)
  const id = `allow-${value}`
  return `<li class="permission"><input type="hidden" name="offered" value="${value}"><input type="checkbox" id="${id}" name="allow" value="${value}" checked> <label for="${id}">Allow <code>${value}</code></label><span class="why">${why}</span></li>`
}

function pageItem(page: { id: string; name: string; ticked: boolean }): string {
  const id = `page-${escapeHtml(page.id)}`
  return `<li><input type="checkbox" id="${id}" name="page" value="${escapeHtml(page.id)}"${page.ticked ? ' checked' : ''}> <label for="${id}">${escapeHtml(page.name)}</label></li>`
}

/** Facebook's "Choose the Pages you want {app} to access" step, on the same form. */
function pageChooser(app: string, pages: ConsentView['pages']): string {
  if (pages.length === 0) return ''
  return `<fieldset>
<legend>Choose the Pages you want ${app} to access</legend>
<p class="why">With every Page ticked, ${app} may also use the Pages you get later (all current and future Pages).</p>
<ul>
${pages.map(pageItem).join('\n')}
</ul>
</fieldset>`
}

/** `auth_type=reauthenticate`: the dialog asks for the password again (graph-api.md §1.1). */
export const passwordField = (on: boolean): string =>
  on ? '<p class="field"><label for="password">Practice password (any text)</label><input id="password" name="password" type="password" autocomplete="off"></p>' : ''

/** The login and consent page: a real form, Continue and Cancel, a decline box per permission, the Page chooser. */
export function consentPage(view: ConsentView): string {
  const app = escapeHtml(view.appName)
  const user = escapeHtml(view.userName)
  const declined =
    view.stillDeclined.length === 0
      ? ''
      : `<p>You declined ${view.stillDeclined.map((s) => `<code>${escapeHtml(s)}</code>`).join(', ')} before; it is not asked again unless the app asks to re-request it.</p>`
  const password = passwordField(view.reauthenticate)
  return htmlPage(
    `Log in to ${view.appName}`,
    `<h1>${app} is requesting access</h1>
<p>Continuing as <strong>${user}</strong>. ${app} will receive the permissions ticked below. Untick one to decline it.</p>
<form method="post" action="${escapeHtml(view.action)}">
<input type="hidden" name="request" value="${escapeHtml(view.requestId)}">
${password}
<fieldset>
<legend>Permissions</legend>
<ul>
${view.asked.map(permissionItem).join('\n')}
</ul>
</fieldset>
${pageChooser(app, view.pages)}
${declined}
<div class="actions">
<button class="primary" type="submit" name="action" value="continue">Continue as ${user}</button>
<button class="secondary" type="submit" name="action" value="cancel">Cancel</button>
</div>
</form>`,
  )
}

export function errorPage(title: string, message: string): string {
  return htmlPage(title, `<h1>${escapeHtml(title)}</h1>\n<p role="alert">${escapeHtml(message)}</p>`)
}

export function loginSuccessPage(): string {
  return htmlPage(
    'Success',
    '<h1>Success</h1>\n<p>SECURITY WARNING: Please treat the URL above as you would your password and do not share it with anyone.</p>',
  )
}
