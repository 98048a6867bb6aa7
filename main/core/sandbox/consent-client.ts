export interface ConsentChoice {
  decline?: string[]
  cancel?: boolean
  /** The Pages to leave ticked in the Page chooser; absent: as the page ticks them. */
  pages?: string[]
  /** Login for Business: the ad accounts to leave ticked; absent: as the page ticks them. */
  accounts?: string[]
  /** Login for Business, system-user configurations: the business portfolio to choose; absent: the one the page chose. */
  business?: string
}

/**
 * Drives the consent page over real HTTP as a person would: load the dialog, read the form,
 * untick the permissions to decline, tick the Pages, press Continue or Cancel. Returns the redirect URL the
 * browser would follow.
 */
export async function driveConsent(dialogUrl: string, choice: ConsentChoice = {}): Promise<string> {
  const first = await fetch(dialogUrl, { redirect: 'manual' })
  const firstLocation = first.headers.get('location')
  if (first.status >= 300 && first.status < 400 && firstLocation) return firstLocation
  const html = await first.text()
  if (first.status !== 200) throw new Error(`The login dialog refused the request (${first.status}): ${textOf(html)}`)
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1]
  const requestId = /name="request" value="([^"]+)"/.exec(html)?.[1]
  if (!action || !requestId) throw new Error('The login dialog page has no consent form.')
  const offered = new Set([...html.matchAll(/name="offered" value="([^"]+)"/g)].map((m) => unescape(m[1]!)))
  // The Login for Business page has a "Don't allow" box per permission instead (business-consent-page.ts).
  const declinable = new Set([...html.matchAll(/name="decline" value="([^"]+)"/g)].map((m) => unescape(m[1]!)))
  const form = new URLSearchParams({ request: unescape(requestId), action: choice.cancel ? 'cancel' : 'continue' })
  for (const scope of choice.decline ?? []) {
    if (!offered.has(scope) && !declinable.has(scope)) throw new Error(`The consent page offers no box for ${scope}.`)
    if (declinable.has(scope)) form.append('decline', scope)
  }
  // As a browser posts the form: every box, and the ticked ones; a declined permission is unticked.
  for (const scope of offered) {
    form.append('offered', scope)
    if (!(choice.decline ?? []).includes(scope)) form.append('allow', scope)
  }
  for (const [name, chosen] of [['page', choice.pages], ['account', choice.accounts]] as const) {
    const boxes = [...html.matchAll(new RegExp(`name="${name}" value="([^"]+)"( checked)?`, 'g'))].map((m) => ({ id: unescape(m[1]!), ticked: m[2] !== undefined }))
    for (const id of chosen ?? []) {
      if (!boxes.some((b) => b.id === id)) throw new Error(`The consent page offers no ${name === 'page' ? 'Page' : 'ad account'} box for ${id}.`)
    }
    for (const box of boxes) if (chosen ? chosen.includes(box.id) : box.ticked) form.append(name, box.id)
  }
  const radios = [...html.matchAll(/type="radio" id="[^"]*" name="business" value="([^"]+)"( checked)?/g)].map((m) => ({ id: unescape(m[1]!), chosen: m[2] !== undefined }))
  if (choice.business !== undefined && !radios.some((r) => r.id === choice.business)) throw new Error(`The consent page offers no business portfolio ${choice.business}.`)
  const business = choice.business ?? radios.find((r) => r.chosen)?.id
  if (business !== undefined) form.append('business', business)
  const answer = await fetch(new URL(unescape(action), dialogUrl), {
    method: 'POST',
    body: form,
    redirect: 'manual',
  })
  const location = answer.headers.get('location')
  if (answer.status !== 302 || !location) throw new Error(`The consent form was refused (${answer.status}): ${textOf(await answer.text())}`)
  return location
}

const unescape = (text: string): string => text.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)))

function textOf(html: string): string {
  const title = /<h1>([\s\S]*?)<\/h1>/.exec(html)?.[1]
  const alert = /<p role="alert">([\s\S]*?)<\/p>/.exec(html)?.[1]
  const text = title && alert ? `${title}: ${alert}` : html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()
  return unescape(text).slice(0, 400)
}
