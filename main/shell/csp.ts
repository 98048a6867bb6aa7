/**
 * The Content-Security-Policy the renderer is served with, by the `app://` handler here and by
 * the web host. Plain data, no Electron import, so any host can reuse it.
 *
 * `frame-ancestors` only works as a header, which is why this is never a <meta> tag. The policy
 * is written as one literal assigned to a `Content-Security-Policy` key on purpose: that is the
 * shape Electronegativity recognises, so its CSP check evaluates this exact policy.
 */
const headers: Record<string, string> = {}
// csp-evaluator's only remark is its generic "'self' may be weak if the origin hosts JSONP,
// AngularJS or uploads"; app://token-desk serves nothing but the built bundle.
headers['Content-Security-Policy'] = // eng-disable CSP_GLOBAL_CHECK: app origin serves only the bundle
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

export const CONTENT_SECURITY_POLICY: string = headers['Content-Security-Policy']

/** Headers every renderer response carries, whichever host serves it. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  }
}
