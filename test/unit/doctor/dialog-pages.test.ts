/**
 * The login dialog's refusal pages (graph-api-doctor.md §1.6), recognised from the texts the
 * reporters quoted, their variants, and from what each window can see: a title, an address, the
 * phrases find-in-page found, or a page the web host fetched.
 */
import { describe, expect, it } from 'vitest'
import { DIALOG_PAGES, type DialogPage } from '../../../preload/api'
import { DIALOG_PAGE_PHRASES, dialogPageMessage, explainDialogPage, observeHtml, probeDialog, recogniseDialogPage } from '../../../main/core/doctor'
import { expectPlainWords } from '../../abuse/support/app'

/** The quoted texts of §1.6, as title and text. */
const QUOTED: [DialogPage, string, string][] = [
  ['url-blocked', 'URL Blocked', "URL Blocked: This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings. Make sure Client and Web OAuth Login are on and add all your app domains as Valid OAuth Redirect URIs."],
  ['cant-load-url', "Can't load URL", "Can't load URL: The domain of this URL isn't included in the app's domains. To be able to load this URL, add all domains and sub-domains of your app to the App Domains field in your app settings."],
  ['insecure-login', 'Insecure Login Blocked', "Insecure Login Blocked: You can't get an access token or log in to this app from an insecure page. Try re-loading the page as https://"],
  ['app-not-setup', 'App Not Setup', "App Not Setup: This app is still in development mode, and you don't have access to it. Switch to a registered test user or ask an app admin for permissions."],
  ['app-not-active', 'App not active', 'App not active: This app is not accessible right now and the app developer is aware of the issue. You will be able to log in when the app is reactivated.'],
  ['feature-unavailable', 'Feature Unavailable', 'Feature Unavailable: Facebook Login is currently unavailable for this app, since we are updating additional details for this app. Please try again later.'],
  ['not-available', 'Facebook', "It looks like this app isn't available. This app needs at least one supported permission."],
  ['invalid-scopes', 'Invalid Scopes', 'Invalid Scopes: manage_pages, publish_actions. This message is only shown to developers. Users of your app will ignore these permissions if present. Please read the documentation for valid permissions at: https://developers.facebook.com/docs/facebook-login/permissions'],
  ['embedded-browser', 'Facebook', 'For your account security, logging in to Facebook from an embedded browser is disabled. To continue, download and log in to the Facebook app on your device and try again.'],
  // Login for Business (login-for-business.md §1, §3): Meta's listed error and a third-party report; the on-screen words are not confirmed.
  ['config-invalid', 'Error', 'Config ID is invalid.'],
  ['config-required', 'Error', 'Invalid parameter: config_id is required'],
  ['wrong-response-type', 'Error', 'This configuration is set up with incorrect response_type.'],
]

/** A blank page has no words: no window can search it for a phrase, only read that it is empty. */
const WORDED = DIALOG_PAGES.filter((p) => p !== 'blank')

const VARIANTS: [DialogPage, string][] = [
  ['app-not-setup', 'App Not Setup: Your app is not configured. Please contact the app developer.'],
  ['app-not-active', 'This app is not currently accessible and the app developer is aware of the issue.'],
  ['embedded-browser', "For your account security, logging into Facebook from an embedded browser is disabled. You may be able to continue by updating the app you're logging in from and trying again."],
  // Curly quotes, as a browser may render them.
  ['cant-load-url', 'The domain of this URL isn\u2019t included in the app\u2019s domains.'],
]

describe('recogniseDialogPage', () => {
  it.each(QUOTED)('recognises %s from the quoted title and text', (page, title, text) => {
    expect(recogniseDialogPage({ title, text })).toBe(page)
    expect(recogniseDialogPage({ text })).toBe(page)
  })

  it.each(VARIANTS)('recognises the %s variant', (page, text) => {
    expect(recogniseDialogPage({ text })).toBe(page)
  })

  it('recognises each page from the one phrase find-in-page looks for', () => {
    expect(DIALOG_PAGE_PHRASES).toHaveLength(WORDED.length)
    // Each page with words has exactly one probe phrase.
    expect(new Set(DIALOG_PAGE_PHRASES.map((p) => recogniseDialogPage({ text: p })))).toEqual(new Set(WORDED))
    // Every probe is plain text a browser finds whatever quote marks the page uses.
    for (const phrase of DIALOG_PAGE_PHRASES) expect(phrase).not.toMatch(/['\u2019"]/)
    // And every probe occurs in its page's quoted text, so finding it means that page.
    for (const [page, , text] of QUOTED) expect(DIALOG_PAGE_PHRASES.some((p) => text.toLowerCase().includes(p.toLowerCase()) && recogniseDialogPage({ text: p }) === page)).toBe(true)
  })

  it('recognises the embedded-browser block from the title or the address alone', () => {
    expect(recogniseDialogPage({ title: 'Log in from an embedded browser' })).toBe('embedded-browser')
    expect(recogniseDialogPage({ url: 'https://m.facebook.com/unsupportedbrowser' })).toBe('embedded-browser')
    expect(recogniseDialogPage({ title: 'Logging into Facebook from an embedded browser is disabled' })).toBe('embedded-browser')
    expect(recogniseDialogPage({ url: 'https://www.facebook.com/unsupportedbrowser' })).toBe('embedded-browser')
    expect(recogniseDialogPage({ url: 'https://evil.example/unsupportedbrowser' })).toBeNull()
    expect(recogniseDialogPage({ url: 'https://www.facebook.com/login.php' })).toBeNull()
  })

  it('sees nothing in the consent page, the login form or garbage', () => {
    expect(recogniseDialogPage({ title: 'Log in to Token Desk Practice', text: 'Token Desk Practice is requesting access. Continue as Pat Practice. Cancel.' })).toBeNull()
    expect(recogniseDialogPage({ title: 'Log in to Facebook', text: 'Email or phone number Password Log in Forgotten account?' })).toBeNull()
    expect(recogniseDialogPage({ url: 'not a url', title: '', text: '' })).toBeNull()
    expect(recogniseDialogPage({})).toBeNull()
  })
})

describe('explainDialogPage', () => {
  it.each(DIALOG_PAGES.map((p) => [p]))('explains %s in plain words, with a fix and the App Dashboard place', (page) => {
    const e = explainDialogPage(page)
    expect(e.page).toBe(page)
    expectPlainWords(e.reason)
    expectPlainWords(e.fix)
    expect(e.where).toMatch(/^App Dashboard > /)
    expectPlainWords(dialogPageMessage(page))
  })

  it('says where redirect URIs are kept for URL Blocked, and offers the paste path only where it helps', () => {
    expect(explainDialogPage('url-blocked').where).toContain('Valid OAuth Redirect URIs')
    expect(explainDialogPage('url-blocked').canPaste).toBe(true)
    expect(explainDialogPage('app-not-setup').canPaste).toBe(false)
  })
})

describe('explainDialogPage for Facebook Login for Business', () => {
  it('names both causes of “isn’t available”, the configuration first when the login sent none', () => {
    const e = explainDialogPage('not-available', null, { configUsed: false })
    const business = e.reason.indexOf('Business app with Facebook Login for Business')
    const role = e.reason.indexOf('no role on the app')
    expect(business).toBeGreaterThan(-1)
    expect(role).toBeGreaterThan(business)
    expect(e.fix).toMatch(/Configuration ID/)
    expect(e.where).toBe('App Dashboard > Facebook Login for Business > Configurations')
  })

  it('leaves only the role cause when the login did send a configuration', () => {
    const e = explainDialogPage('not-available', null, { configUsed: true })
    expect(e.reason).toMatch(/no role on the app/)
    expect(e.reason).not.toMatch(/instead of a configuration/)
  })

  it('sends URL Blocked and the embedded-browser switch to the Login for Business settings when a configuration was used', () => {
    expect(explainDialogPage('url-blocked', 'http://localhost:8765/login/callback', { configUsed: true }).where).toBe(
      'App Dashboard > Facebook Login for Business > Settings > Client OAuth settings > Valid OAuth Redirect URIs',
    )
    expect(explainDialogPage('url-blocked', 'http://localhost:8765/login/callback', { configUsed: true }).fix).toContain('http://localhost:8765/login/callback')
    expect(explainDialogPage('embedded-browser', null, { configUsed: true }).where).toContain('Embedded Browser OAuth Login')
    expect(explainDialogPage('url-blocked').where).toBe('App Dashboard > Facebook Login > Settings > Valid OAuth Redirect URIs')
  })

  it('says that http://localhost is not confirmed for Business apps, and offers the paste path, for a browser login', () => {
    const e = explainDialogPage('insecure-login', 'http://localhost:8765/login/callback', { host: 'browser' })
    expect(e.reason).toMatch(/http:\/\/localhost/)
    expect(e.reason).toMatch(/not confirmed/)
    expect(e.canPaste).toBe(true)
    expect(e.fix).toMatch(/Paste a token/)
  })

  it('explains the invalid Configuration ID with where to copy it again', () => {
    const e = explainDialogPage('config-invalid')
    expect(e.shown).toBe('Config ID is invalid')
    expect(e.where).toBe('App Dashboard > Facebook Login for Business > Configurations')
  })
})

describe('observeHtml', () => {
  it('reads the title and visible text, entities decoded, scripts and styles left out', () => {
    const html = `<!doctype html><html><head><title>Can&#39;t load URL</title><style>p{color:red}</style><script>var x = "URL Blocked"</script></head>
<body><h1>Can&#39;t load URL</h1><p role="alert">The domain of this URL isn&#x27;t included in the app&apos;s domains. To be able to load this URL, add all domains and sub-domains of your app to the App Domains field in your app settings.</p></body></html>`
    const seen = observeHtml(html, 'https://www.facebook.com/v27.0/dialog/oauth')
    expect(seen.title).toBe("Can't load URL")
    expect(seen.text).not.toContain('URL Blocked')
    expect(seen.text).not.toContain('color:red')
    expect(recogniseDialogPage(seen)).toBe('cant-load-url')
  })
})

describe('probeDialog and the blank page', () => {
  const answer = (status: number, body: string): typeof fetch => () =>
    Promise.resolve(new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8' } }))

  it('calls a page with no words at all blank, but never a redirect or a page with words', async () => {
    const blank = '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"></head><body></body></html>\n'
    await expect(probeDialog('https://www.facebook.com/v27.0/dialog/oauth', answer(200, blank))).resolves.toEqual({ kind: 'refused', page: 'blank' })
    await expect(probeDialog('https://www.facebook.com/v27.0/dialog/oauth', answer(302, ''))).resolves.toEqual({ kind: 'opened' })
    await expect(probeDialog('https://www.facebook.com/v27.0/dialog/oauth', answer(200, '<p>Log in to Facebook</p>'))).resolves.toEqual({ kind: 'opened' })
  })

  it('explains the blank page with both reported causes and the Configuration ID', () => {
    const e = explainDialogPage('blank')
    expect(e.reason).toMatch(/Business apps whose login asks with a list of permissions.*rolled back/)
    expect(e.fix).toMatch(/Configuration ID/)
  })
})
