/**
 * The README is the first thing a new user reads (issue 21, item 15): the first five minutes
 * first, commands that work as written, words that match the screens, links that lead somewhere,
 * and the sandbox reference, whole, in docs/sandbox.md.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { COMMANDS } from '../../main/cli/main'
import { ROOT } from './electronegativity'

const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8')
const README = read('README.md')
const SANDBOX = read('docs/sandbox.md')
const SCREENSHOT = 'docs/screenshots/dashboard.png'

/** The text under one `## ` heading, up to the next. */
function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`)
  expect(start, `no section "${title}"`).toBeGreaterThanOrEqual(0)
  const end = markdown.indexOf('\n## ', start + 1)
  return markdown.slice(start, end < 0 ? undefined : end)
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchorOf = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-')
const anchors = (markdown: string): Set<string> => new Set([...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1]!)))

/** Every renderer source, for "the words on the buttons are the ones the README says to click". */
function rendererText(): string {
  const files = ['renderer/src/screens/StartScreen.tsx', 'renderer/src/screens/wizard/ConnectStep.tsx', 'renderer/src/components/Nav.tsx']
  return files.map(read).join('\n')
}

describe('the README', () => {
  it('starts with the first five minutes: what it is, then the two commands, run the app and run the tests', () => {
    const headings = [...README.matchAll(/^## (.+)$/gm)].map((m) => m[1])
    expect(headings[0]).toBe('The first five minutes')
    expect(README.indexOf('\n## ')).toBeGreaterThan(README.indexOf('Token Desk gets'))
    const first = section(README, 'The first five minutes')
    const block = /```sh\n([\s\S]*?)```/.exec(first)?.[1] ?? ''
    const commands = block.split('\n').filter(Boolean).map((line) => line.replace(/\s+#.*$/, '').trim())
    expect(commands).toEqual(['npm ci && npm run build && npx token-desk serve --sandbox', 'npm ci && npm test'])
  })

  it('is the test command CI runs: .ci/run runs the same npm ci && npm test (npm ci only quietened)', () => {
    const ci = read('.ci/run')
    const run = ci.split('\n').find((line) => /^npm ci\b/.test(line))
    expect(run).toBeDefined()
    expect(run!.replace(/ --no-(audit|fund)/g, '')).toBe('npm ci && npm test')
  })

  it('says to click what the screens really say', () => {
    const first = section(README, 'The first five minutes')
    const source = rendererText()
    for (const label of ['Start practising', 'Use my Meta app', 'Log in with Facebook', 'Practice']) {
      expect(first).toContain(`**${label}`)
      expect(source).toContain(label)
    }
    // The practice login's button names the practice user.
    expect(read('main/core/sandbox/consent-page.ts')).toContain('Continue as ${user}')
    expect(first).toContain('**Continue as Pat Practice**')
  })

  it('shows the dashboard screenshot in the first five minutes', () => {
    expect(section(README, 'The first five minutes')).toContain(`](${SCREENSHOT})`)
  })

  it.skipIf(!existsSync(join(ROOT, SCREENSHOT)))(`has that screenshot as a PNG (${SCREENSHOT}, made by the screenshot spec of issue 21)`, () => {
    expect(readFileSync(join(ROOT, SCREENSHOT)).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  })
  if (!existsSync(join(ROOT, SCREENSHOT))) console.warn(`Skipping the screenshot's PNG check: ${SCREENSHOT} is not in this checkout yet (the screenshot spec of issue 21 makes it).`)

  it('lists every command of the command line in its table', () => {
    const table = section(README, 'The command line')
    const rows = table.split('\n').filter((line) => line.startsWith('| `'))
    for (const { name } of COMMANDS) expect(rows.some((row) => row.includes(`\`${name}`) || row.includes(`, \`${name}`)), name).toBe(true)
  })

  it('links only to files and headings that exist (the screenshot apart: its own test above)', () => {
    for (const [markdown, base] of [
      [README, ''],
      [SANDBOX, 'docs/'],
    ] as const) {
      for (const [, target] of markdown.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^https?:/.test(target!) || target === SCREENSHOT) continue
        const [file, anchor] = target!.split('#')
        const path = file ? join(base, file) : base === '' ? 'README.md' : 'docs/sandbox.md'
        expect(existsSync(join(ROOT, path)), `${target} from ${base || 'README.md'}`).toBe(true)
        if (anchor) expect(anchors(read(path)).has(anchor), `#${anchor} in ${path}`).toBe(true)
      }
    }
  })
})

describe('docs/sandbox.md, the sandbox reference the README links to', () => {
  it('documents every action of the control API', () => {
    const actions = [...read('main/core/sandbox/control-api.ts').matchAll(/case '([A-Za-z]+)':/g)].map((m) => m[1]!)
    expect(actions.length).toBeGreaterThan(30)
    const table = section(SANDBOX, 'The control API')
    for (const action of actions) expect(table, action).toContain(`\`${action}\``)
  })

  it('keeps the Graph reference: every node the sandbox serves, and the edges', () => {
    const serves = section(SANDBOX, 'What it serves')
    for (const word of ['User', 'Page', 'AdAccount', 'Business', 'SystemUser', 'Application', '/me/accounts', '/me/adaccounts', '/me/businesses', 'debug_token', 'batch requests']) {
      expect(serves).toContain(word)
    }
  })
})
