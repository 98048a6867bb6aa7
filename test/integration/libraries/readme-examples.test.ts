/**
 * The two examples of "Rehearse your own scripts against the sandbox" (docs/sandbox.md, where the
 * README links for the sandbox reference), read from that page itself and run as a reader would:
 * the shell one with bash, curl and the built `token-desk sandbox`, the Node one with Meta's
 * business SDK against a started sandbox.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../../main/core/sandbox'
import { ROOT, baseEnv as cliEnv, ensureBuiltCli, runMain } from '../cli/support'
import { start } from '../sandbox/helpers'
import { libraryVersion } from './library-version'

const SECTION = '## Rehearse your own scripts against the sandbox'
const PAGE = 'docs/sandbox.md'

/** The fenced block right after `<!-- rehearse:NAME -->`, which must sit in the section. */
function readmeBlock(name: string): string {
  const readme = readFileSync(join(ROOT, PAGE), 'utf8')
  const section = readme.indexOf(SECTION)
  const marker = readme.indexOf(`<!-- rehearse:${name} -->`)
  expect(section).toBeGreaterThan(0)
  expect(marker).toBeGreaterThan(section)
  const block = /^```\w+\n([\s\S]*?)^```$/m.exec(readme.slice(marker))
  if (!block) throw new Error(`no code block after the ${name} marker`)
  return block[1]!
}

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${command} did not finish in ${timeoutMs} ms:\n${stdout}\n${stderr}`))
    }, timeoutMs)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

const baseEnv = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true' })

let sb: Sandbox | undefined
afterEach(async () => {
  await sb?.close()
  sb = undefined
})

describe('the sandbox page\'s section "Rehearse your own scripts against the sandbox"', () => {
  beforeAll(() => {
    ensureBuiltCli()
  })

  it('is where token-desk sandbox --help points', async () => {
    const help = await runMain(['sandbox', '--help'], { env: cliEnv() })
    expect(help.code).toBe(0)
    expect(help.stdout.replace(/\s+/g, ' ')).toContain(`${PAGE}, section "${SECTION.slice(3)}"`)
    expect(readFileSync(join(ROOT, PAGE), 'utf8')).toContain(`\n${SECTION}\n`)
    // The README sends readers there.
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`(${PAGE}#rehearse-your-own-scripts-against-the-sandbox)`)
  })

  it('has a shell example that runs as written: token, calls, a password change, stop', async () => {
    const script = readmeBlock('shell')
    console.log(`Running the ${PAGE} shell example with bash, curl and the built token-desk sandbox.`)
    // After the example's commands: wait for the sandbox process it started to end.
    const result = await run('bash', ['-c', `${script}\nwait $!\necho "sandbox exited with $?"`], baseEnv(), 60_000)
    expect(result.code, result.stderr).toBe(0)
    const lines = result.stdout.trim().split('\n')
    expect(lines).toHaveLength(7)
    expect(JSON.parse(lines[0]!)).toEqual({ id: expect.stringMatching(/^\d{15}$/) as string, first_name: 'Pat', last_name: 'Practice' })
    expect(lines.slice(1, 3)).toEqual(['"name":"Practice Ad Account 1"', '"name":"Practice Ad Account 2"'])
    expect(JSON.parse(lines[3]!)).toEqual({ ok: true, result: null })
    expect(JSON.parse(lines[4]!)).toMatchObject({ error: { type: 'OAuthException', code: 190, error_subcode: 460 } })
    expect(JSON.parse(lines[5]!)).toEqual({ ok: true, result: null })
    expect(lines[6]).toBe('sandbox exited with 0')
    expect(result.stderr).toContain('The practice sandbox has stopped.')
    // The example prints no token: a practice one is still a token.
    expect(result.stdout).not.toMatch(/EAA[\w-]{20}/)
  })

  it(`has a Node example that runs as written with ${libraryVersion('facebook-nodejs-business-sdk')}`, async () => {
    const script = readmeBlock('node')
    sb = await start({ adAccountCount: 7 })
    const env = { ...baseEnv(), TOKEN_DESK_GRAPH_URL: sb.graphUrl, SANDBOX_CONTROL_KEY: sb.controlKey, SANDBOX_USER_ID: sb.practiceUser.id }
    console.log(`Running the ${PAGE} Node example with ${libraryVersion('facebook-nodejs-business-sdk')}.`)
    const result = await run(process.execPath, ['--input-type=module', '-e', script], env, 30_000)
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout.trim().split('\n')).toEqual([
      `7 ad accounts: ${sb.adAccounts.map((a) => a.name).join(', ')}`,
      'FacebookRequestError: code 190, subcode 460',
    ])
    // Three pages of three: the first call and two `next` links.
    expect(sb.requests.filter((r) => r.path.endsWith('/me/adaccounts'))).toHaveLength(3)
  })
})
