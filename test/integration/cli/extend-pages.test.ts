import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../../main/core/sandbox'
import { expectAbsent, onlyJson, runMain, sandboxEnv, startTestSandbox, userToken } from './support'

const DAY = 86_400_000

describe('token-desk extend', () => {
  let sb: Sandbox
  beforeAll(async () => {
    sb = await startTestSandbox()
  })
  afterAll(() => sb.close())

  it('exchanges a short-lived user token for a long-lived one and prints it only with --json', async () => {
    const short = userToken(sb, { lifetime: 'short' })
    const exchanges = () => sb.requests.filter((r) => r.params.grant_type === 'fb_exchange_token').length
    const before = exchanges()
    const result = await runMain(['extend', '--json'], { env: sandboxEnv(sb), stdin: short })
    expect(result.code).toBe(0)
    expect(exchanges()).toBe(before + 1)
    const json = onlyJson(result.stdout) as { token: string; type: string; expiresAt: string; neverExpires: boolean }
    expect(Object.keys(json)).toEqual(['token', 'type', 'expiresAt', 'neverExpires'])
    expect(json.token).not.toBe(short)
    const issued = sb.tokenInfo(json.token)
    expect(issued).toMatchObject({ kind: 'USER', longLived: true })
    expect(json).toMatchObject({ type: 'USER', neverExpires: false, expiresAt: new Date(issued!.expiresAt * 1000).toISOString() })
    expect(Date.parse(json.expiresAt) - sb.clock.now()).toBeGreaterThan(50 * DAY)
    expectAbsent(result.stderr, [short, json.token, sb.practiceApp.secret])
  })

  it('without --json exchanges nothing (a new token not shown would be wasted) and prints no token', async () => {
    const before = sb.requests.filter((r) => r.params.grant_type === 'fb_exchange_token').length
    const result = await runMain(['extend'], { env: sandboxEnv(sb), stdin: userToken(sb, { lifetime: 'short' }) })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('token-desk extend --json < short.txt')
    expect(sb.requests.filter((r) => r.params.grant_type === 'fb_exchange_token').length).toBe(before)
    expect(result.stdout + result.stderr).not.toMatch(/EAA[A-Za-z0-9]{8,}/)
  })

  it('exits 1 with the reason for a dead token, and exchanges nothing', async () => {
    const token = userToken(sb, { lifetime: 'short' })
    sb.controls.invalidateToken(token, 460)
    const before = sb.requests.filter((r) => r.params.grant_type === 'fb_exchange_token').length
    const result = await runMain(['extend', '--json'], { env: sandboxEnv(sb), stdin: token })
    expect(result.code).toBe(1)
    expect(onlyJson(result.stdout)).toMatchObject({ error: { code: 'password-changed' } })
    expect(sb.requests.filter((r) => r.params.grant_type === 'fb_exchange_token').length).toBe(before)
  })

  it('exits 2 for a page token, which cannot be extended', async () => {
    const page = sb.issueToken({ kind: 'PAGE', pageId: sb.pages[0]!.id, lifetime: 'long' })
    const result = await runMain(['extend', '--json'], { env: sandboxEnv(sb), stdin: page })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Only user tokens can be extended')
  })
})

describe('token-desk pages', () => {
  let sb: Sandbox
  beforeAll(async () => {
    sb = await startTestSandbox({ pageCount: 30, pageSize: 10 })
  })
  afterAll(() => sb.close())

  interface PageJson {
    id: string
    name: string
    category: string | null
    tasks: string[]
    token: string | null
    expiresAt: string | null
    neverExpires: boolean
  }

  it('follows paging (an empty middle page included) and verifies every page token in one batch', async () => {
    sb.controls.setEmptyPage('accounts', 1)
    const user = userToken(sb)
    const start = sb.requests.length
    const result = await runMain(['pages', '--json'], { env: sandboxEnv(sb), stdin: user })
    expect(result.code).toBe(0)
    const pages = onlyJson(result.stdout) as PageJson[]
    expect(pages).toHaveLength(30)
    expect(new Set(pages.map((p) => p.id))).toEqual(new Set(sb.pages.map((p) => p.id)))
    expect(Object.keys(pages[0]!)).toEqual(['id', 'name', 'category', 'tasks', 'token', 'expiresAt', 'neverExpires'])
    for (const page of pages) {
      expect(sb.tokenInfo(page.token!)).toMatchObject({ kind: 'PAGE', profileId: page.id })
      expect(page).toMatchObject({ neverExpires: true, expiresAt: null })
      expect(page.tasks.length).toBeGreaterThan(0)
    }
    const calls = sb.requests.slice(start)
    expect(calls.filter((r) => !r.batchItem && r.path.endsWith('/me/accounts')).length).toBeGreaterThanOrEqual(4)
    const checks = calls.filter((r) => r.batchItem && r.path.endsWith('/debug_token'))
    expect(checks).toHaveLength(30)
    expectAbsent(result.stderr, [user, ...pages.map((p) => p.token!)])
  })

  it('shows a table with masked page tokens for people', async () => {
    const result = await runMain(['pages'], { env: sandboxEnv(sb), stdin: userToken(sb) })
    expect(result.code).toBe(0)
    const lines = result.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^NAME +ID +CATEGORY +TASKS +TOKEN +EXPIRES$/)
    expect(lines).toHaveLength(31)
    expect(lines[1]).toMatch(/ …\S{4} +never$/)
    expect(result.stdout).not.toMatch(/EAA[A-Za-z0-9]{8,}/)
  })

  it('exits 1 when the user token is dead', async () => {
    const user = userToken(sb)
    sb.controls.invalidateToken(user, 467)
    const result = await runMain(['pages', '--json'], { env: sandboxEnv(sb), stdin: user })
    expect(result.code).toBe(1)
    expect(onlyJson(result.stdout)).toMatchObject({ error: { code: 'logged-out' } })
  })
})
