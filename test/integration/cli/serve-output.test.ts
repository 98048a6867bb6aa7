/**
 * Issue 21, item 15: `serve` promises "a URL as its first line". A person starting it in a
 * terminal sees its standard output and error together, so the URL must come first and the log
 * stay quiet there (warnings and errors) unless asked for; the help says the real defaults.
 * Only "the first line is the URL" is relied on, not the URL's form (issue 20 changes it).
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Env } from '../../../main/cli/config'
import { baseEnv, runMain, tempHome, type Result } from './support'

async function rendererDir(): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'token-desk-renderer-')), 'renderer')
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, 'index.html'), '<!doctype html><html><title>Token Desk</title></html>\n')
  return dir
}

/** `serve` until its first line is out (plus a moment for what follows it), then stopped. */
async function serveOnce(args: string[], env: Env): Promise<Result & { first: string }> {
  const controller = new AbortController()
  let first = ''
  const done = runMain(['serve', ...args], {
    env,
    rendererDir: await rendererDir(),
    signal: controller.signal,
    onStdout: (text) => {
      if (!first && text.includes('\n')) {
        first = text.split('\n')[0]!
        setTimeout(() => controller.abort(), 200)
      }
    },
  })
  const result = await done
  return { ...result, first }
}

const jsonLines = (text: string): Record<string, unknown>[] =>
  text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)

const env = async (extra: Env = {}): Promise<Env> => baseEnv({ TOKEN_DESK_HOME: await tempHome(), ...extra })

describe('token-desk serve on a terminal', () => {
  it('prints the URL as the first and only line of standard output, and no info log lines on standard error', async () => {
    const served = await serveOnce(['--sandbox'], await env())
    expect(served.code).toBe(0)
    expect(new URL(served.first).hostname).toBe('127.0.0.1')
    expect(served.stdout).toBe(`${served.first}\n`)
    expect(jsonLines(served.stderr)).toEqual([])
    // What a person needs is still said, in words.
    expect(served.stderr).toContain('Token Desk is serving on')
  })

  it('logs info lines to standard error when TOKEN_DESK_LOG or --log-level asks, still never on standard output', async () => {
    for (const [args, extra] of [
      [['--sandbox'], { TOKEN_DESK_LOG: 'info' }],
      [['--sandbox', '--log-level', 'info'], {}],
      // The option wins over the variable, for one run.
      [['--sandbox', '--log-level', 'info'], { TOKEN_DESK_LOG: 'error' }],
    ] as const) {
      const served = await serveOnce([...args], await env(extra))
      expect(served.code).toBe(0)
      expect(served.stdout).toBe(`${served.first}\n`)
      expect(jsonLines(served.stderr)).toEqual(expect.arrayContaining([expect.objectContaining({ level: 'info', message: 'the web host is listening' })]))
    }
  })

  it('keeps info lines in the --log-file even while standard error shows warnings only', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'token-desk-serve-log-')), 'serve.log')
    const served = await serveOnce(['--sandbox', '--log-file', file], await env())
    expect(served.code).toBe(0)
    expect(jsonLines(served.stderr)).toEqual([])
    expect(await readFile(file, 'utf8')).toContain('the web host is listening')
  })

  it('refuses a log level it does not know, naming the option', async () => {
    const result = await runMain(['serve', '--log-level', 'loud'], { env: await env() })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--log-level must be one of debug, info, warn, error')
  })

  it('says the real defaults in its help: warn for serve, error for the other commands', async () => {
    const serveHelp = await runMain(['serve', '--help'], { env: baseEnv() })
    expect(serveHelp.stdout.replace(/\s+/g, ' ')).toContain('warnings and errors only unless TOKEN_DESK_LOG or --log-level asks for more (default warn)')
    const top = await runMain(['--help'], { env: baseEnv() })
    expect(top.stdout.replace(/\s+/g, ' ')).toContain('TOKEN_DESK_LOG Log level on standard error: debug, info, warn, error (default error; serve: warn)')
  })
})
