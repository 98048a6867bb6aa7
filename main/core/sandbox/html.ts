import { createHash } from 'node:crypto'

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f0f2f5;color:#1c1e21}
main{max-width:34rem;margin:2rem auto;background:#fff;border-radius:8px;padding:1.5rem;box-shadow:0 1px 3px #0003}
.badge{display:inline-block;background:#fff3cd;color:#5c4400;border-radius:4px;padding:.1rem .5rem;font-size:.85rem}
h1{font-size:1.4rem;margin:.75rem 0}
fieldset{border:1px solid #ccd0d5;border-radius:6px;margin:1rem 0}
ul{list-style:none;padding:0;margin:0}
li{padding:.35rem 0;border-bottom:1px solid #eee}
li:last-child{border-bottom:0}
.why{display:block;color:#555;font-size:.9rem}
.actions{display:flex;gap:.75rem;margin-top:1rem}
button{font:inherit;padding:.5rem 1.25rem;border-radius:6px;border:1px solid #1b4fa0;cursor:pointer}
.primary{background:#1b4fa0;color:#fff}
.secondary{background:#fff;color:#1b4fa0}
button:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid #f5a623;outline-offset:2px}
label{font-weight:600}
.field{margin:1rem 0}
.field label{display:block;margin-bottom:.25rem}
input[type=password],input[type=text],input:not([type]){font:inherit;box-sizing:border-box;width:100%;max-width:24rem;padding:.45rem .6rem;border:1px solid #8a8d91;border-radius:6px;background:#fff;color:inherit}
input[type=checkbox]{width:1.1rem;height:1.1rem;vertical-align:-.15rem;accent-color:#1b4fa0}
.permission{display:grid;grid-template-columns:auto 1fr;gap:0 .5rem;align-items:start}
.permission .why{grid-column:2}
a{color:#1b4fa0}
@media (prefers-color-scheme: dark){body{background:#18191a;color:#e4e6eb}main{background:#242526}li{border-color:#3a3b3c}.why{color:#b0b3b8}.secondary{background:#242526;color:#8ab4f8;border-color:#8ab4f8}input[type=password],input[type=text],input:not([type]){background:#18191a;border-color:#8a8d91}a{color:#8ab4f8}}
`

const STYLE_HASH = `sha256-${createHash('sha256').update(STYLE).digest('base64')}`

/** A page with no script at all; its only style is allowed by hash. */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="badge">Practice sandbox: a simulated Facebook, no real account is used</p>
${body}
</main>
</body>
</html>
`
}

export function htmlHeaders(formTargets: string[] = []): Record<string, string> {
  const formAction = ["'self'", ...formTargets].join(' ')
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'none'; style-src '${STYLE_HASH}'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  }
}
