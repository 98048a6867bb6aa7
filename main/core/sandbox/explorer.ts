import type { SandboxContext } from './context'
import { escapeHtml, htmlHeaders, htmlPage } from './html'
import type { Reply } from './errors'
import { DEFAULT_USER_SCOPES, issueFromSpec } from './issue'

export const EXPLORER_PATH = 'tools/explorer'

const OFFERED = ['ads_management', 'ads_read', 'business_management', 'read_insights', 'pages_show_list', 'pages_read_engagement', 'pages_manage_posts']

/**
 * A stand-in for Graph API Explorer and Business Settings' "Generate token", so the paste path
 * can be rehearsed: it hands out a short-lived user token, or a system-user token, on the page.
 */
export function explorerPage(ctx: SandboxContext, form: URLSearchParams | null): Reply {
  const app = ctx.state.apps.get(ctx.state.practiceAppId)
  let issued = ''
  if (form) {
    const kind = form.get('kind') === 'system-user' ? 'SYSTEM_USER' : 'USER'
    const scopes = form.getAll('scope').filter((s) => OFFERED.includes(s))
    const token = issueFromSpec(ctx, {
      kind,
      lifetime: kind === 'USER' ? 'short' : 'never',
      scopes: scopes.length > 0 ? ['public_profile', ...scopes] : DEFAULT_USER_SCOPES,
    })
    const what = kind === 'USER' ? 'A short-lived user token (it lasts 1 to 2 hours)' : 'A system-user token that never expires'
    issued = `<h2>Access Token</h2><p>${what}. Copy it and paste it into Token Desk.</p>
<p><label for="token">Access Token</label><br><input id="token" readonly size="60" value="${escapeHtml(token)}"></p>`
  }
  const boxes = OFFERED.map(
    (s, i) => `<li><input type="checkbox" id="s${i}" name="scope" value="${s}" checked> <label for="s${i}"><code>${s}</code></label></li>`,
  ).join('')
  const body = `<h1>Graph API Explorer (practice)</h1>
<p>Meta App: <strong>${escapeHtml(app?.name ?? 'Token Desk Practice')}</strong>. User or Page: <strong>Get User Access Token</strong>.</p>
<form method="post" action="">
<fieldset><legend>Permissions</legend><ul>${boxes}</ul></fieldset>
<div class="actions">
<button class="primary" type="submit" name="kind" value="user">Generate Access Token</button>
<button class="secondary" type="submit" name="kind" value="system-user">Generate system-user token</button>
</div>
</form>
${issued}`
  return { status: 200, headers: htmlHeaders(), body: htmlPage('Graph API Explorer (practice)', body) }
}
