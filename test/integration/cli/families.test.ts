import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TokenKind } from '../../../preload/api'
import type { Sandbox } from '../../../main/core/sandbox'
import type { TokenMeta } from '../../../main/core/tokens/record'
import { createNodeCipher, openVault } from '../../../main/core/vault'
import { expectAbsent, onlyJson, PASSPHRASE, runMain, sandboxEnv, startTestSandbox, tempHome } from './support'

let sb: Sandbox
beforeAll(async () => {
  sb = await startTestSandbox({ pageCount: 4 })
})
afterAll(() => sb.close())

const meta = (name: string, kind: TokenKind, token: string, parentId: string | null, profileId: string | null = null): TokenMeta => ({
  name,
  kind,
  last4: token.slice(-4),
  appId: sb.practiceApp.id,
  userId: sb.practiceUser.id,
  profileId,
  scopes: [],
  purpose: 'manage-pages',
  expiresAt: kind === 'USER' ? Date.now() + 50 * 86_400_000 : null,
  neverExpires: kind !== 'USER',
  dataAccessExpiresAt: null,
  status: 'valid',
  problem: null,
  lastCheckedAt: null,
  diedAt: null,
  parentId,
  createdAt: Date.now(),
})

/** A home whose vault holds a user token with three Page tokens, a Page whose user token is gone, and a pasted system-user token. */
async function familyHome(): Promise<{ home: string; secrets: string[]; ids: Record<string, string> }> {
  const home = await tempHome({ cheapKey: true })
  const cipher = await createNodeCipher({ home, passphrase: PASSPHRASE, keyring: null })
  const vault = await openVault<TokenMeta>({ dir: join(home, 'vault', 'tokens'), cipher, allowWeak: () => false })
  const user = sb.issueToken({ kind: 'USER', lifetime: 'long' })
  const ids: Record<string, string> = {}
  const secrets = [user]
  ids.user = (await vault.put({ meta: meta('Pat (user token)', 'USER', user, null), secret: user })).id
  for (const [i, page] of sb.pages.slice(0, 4).entries()) {
    const token = sb.issueToken({ kind: 'PAGE', pageId: page.id, lifetime: 'long' })
    secrets.push(token)
    // The fourth Page was made from a user token that has since been removed.
    ids[page.name] = (await vault.put({ meta: meta(page.name, 'PAGE', token, i < 3 ? ids.user : 'removed-user-token', page.id), secret: token })).id
  }
  const system = sb.issueToken({ kind: 'SYSTEM_USER' })
  secrets.push(system)
  // A system-user token belongs to the system user, as debug_token says (check compares them).
  ids.system = (await vault.put({ meta: { ...meta('Reports (system user)', 'SYSTEM_USER', system, null), userId: sb.systemUser.id }, secret: system })).id
  return { home, secrets, ids }
}

describe('list and check group tokens by family', () => {
  it('list: members indented under their user token, orphans under a line of their own, one summary line; --json stays flat with parentId', async () => {
    const { home, secrets, ids } = await familyHome()
    const env = sandboxEnv(sb, { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE })
    const listed = await runMain(['list'], { env })
    expect(listed.code).toBe(0)
    const names = listed.stdout.trimEnd().split('\n').map((line) => line.replace(/ {2,}(USER|PAGE|SYSTEM_USER) .*$/, '').trimEnd())
    const [a, b, c, d] = sb.pages.map((p) => p.name)
    expect(names).toEqual([
      expect.stringMatching(/^NAME/),
      'Page tokens whose user token was removed:',
      `  ${d}`,
      'Pat (user token)',
      `  ${a}`,
      `  ${b}`,
      `  ${c}`,
      'Reports (system user)',
      '',
      '6 tokens: 6 work, none need attention soon, none stopped. No check has run yet.',
    ])
    expectAbsent(listed.stdout + listed.stderr, secrets)

    const json = onlyJson((await runMain(['list', '--json'], { env })).stdout) as { id: string; name: string; parentId: string | null }[]
    expect(json).toHaveLength(6)
    expect(json.every((row) => !('members' in row))).toBe(true)
    expect(Object.fromEntries(json.map((r) => [r.name, r.parentId]))).toEqual({
      'Pat (user token)': null,
      [a!]: ids.user,
      [b!]: ids.user,
      [c!]: ids.user,
      [d!]: 'removed-user-token',
      'Reports (system user)': null,
    })
  })

  it('check: the same grouping after asking Graph, with the stopped family counted in the summary', async () => {
    const { home, secrets } = await familyHome()
    const env = sandboxEnv(sb, { TOKEN_DESK_HOME: home, TOKEN_DESK_PASSPHRASE: PASSPHRASE })
    sb.controls.removePageRole(sb.practiceUser.id, sb.pages[1]!.id)
    const checked = await runMain(['check'], { env })
    expect(checked.code).toBe(1)
    expect(checked.stdout).toMatch(new RegExp(`^ {2}${sb.pages[1]!.name} +PAGE +…\\S{4} +dead `, 'm'))
    expect(checked.stdout).toMatch(/^Pat \(user token\) +USER +…\S{4} +valid/m)
    // The summary, then why the stopped one stopped and what to do, in words (no reason code).
    const tail = checked.stdout.trimEnd().split('\n')
    expect(tail.at(-3)).toMatch(/^6 tokens: 5 work, none need attention soon, 1 stopped\. Last check: (\d+ seconds? ago|in \d+ seconds?)\.$/)
    expect(tail.at(-1)).toBe(`You no longer have a role on the Page: “${sb.pages[1]!.name}” stopped. Ask an admin of the Page to give you a role again, then get a new Page token: token-desk pages < user-token.txt.`)
    expect(checked.stdout).not.toContain('no-page-role')
    const json = onlyJson((await runMain(['check', '--json'], { env })).stdout) as { status: string; parentId: string | null }[]
    expect(json.map((r) => r.status).sort()).toEqual(['dead', 'valid', 'valid', 'valid', 'valid', 'valid'])
    expectAbsent(checked.stdout + checked.stderr, secrets)
  })
})
