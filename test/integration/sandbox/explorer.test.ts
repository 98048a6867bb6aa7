import { afterEach, describe, expect, it } from 'vitest'
import { startSandbox } from '../../../main/core/sandbox'
import type { Sandbox } from '../../../main/core/sandbox'

let sandbox: Sandbox | null = null
afterEach(async () => {
  await sandbox?.close()
  sandbox = null
})

const tokenIn = (html: string): string | undefined => /id="token" readonly size="60" value="([^"]+)"/.exec(html)?.[1]

describe('the Graph API Explorer stand-in', () => {
  it('shows a form, then hands out a short-lived user token with the chosen scopes', async () => {
    sandbox = await startSandbox()
    const url = `${sandbox.wwwUrl}/tools/explorer`
    const form = await fetch(url)
    expect(form.status).toBe(200)
    const html = await form.text()
    expect(html).toContain('Generate Access Token')
    expect(tokenIn(html)).toBeUndefined()
    const posted = await fetch(url, { method: 'POST', body: new URLSearchParams([['kind', 'user'], ['scope', 'ads_read'], ['scope', 'pages_show_list']]) })
    const token = tokenIn(await posted.text())
    expect(token).toMatch(/^EAA/)
    const info = sandbox.tokenInfo(token!)
    expect(info).toMatchObject({ kind: 'USER', longLived: false })
    expect(info?.scopes).toEqual(expect.arrayContaining(['ads_read', 'pages_show_list']))
    expect(info?.scopes).not.toContain('ads_management')
  })

  it('hands out a never-expiring system-user token', async () => {
    sandbox = await startSandbox()
    const posted = await fetch(`${sandbox.wwwUrl}/tools/explorer`, { method: 'POST', body: new URLSearchParams({ kind: 'system-user' }) })
    const info = sandbox.tokenInfo(tokenIn(await posted.text())!)
    expect(info).toMatchObject({ kind: 'SYSTEM_USER', expiresAt: 0 })
  })
})
