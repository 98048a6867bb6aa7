import { spawn } from 'node:child_process'
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deliverTo } from '../../main/core/deliveries/deliver'
import type { Destination } from '../../main/core/deliveries/destination'
import { setEnvValue } from '../../main/core/deliveries/env-text'
import { median, note, type Figure } from './report'

export const DELIVERY_RUNS = 40
const ENV_LINES = 40

const tokenOf = (i: number): string => `EAAB${'x'.repeat(180)}${i}`

async function timed(runs: number, once: (i: number) => Promise<void>): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    await once(i)
    times.push(performance.now() - started)
  }
  return Math.round(median(times) * 10) / 10
}

async function deliver(d: Destination, token: string): Promise<void> {
  const result = await deliverTo(d, token, { env: process.env, now: Date.now })
  if (!result.ok) throw new Error(`The delivery to ${result.where} failed: ${result.message}`)
}

/** What a person's own script does instead: the token on the tool's standard input, nothing else. */
function pipeTo(argv: readonly string[], token: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ['pipe', 'ignore', 'ignore'] })
    child.once('error', reject)
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`${argv[0]} exited ${code}`))))
    child.stdin.end(token)
  })
}

/**
 * One delivery, median of DELIVERY_RUNS, by the deliverTo the app and the CLI use, beside the
 * least a hand-written step does: for a `.env` file a plain rewrite of the same text (no ownership
 * or link check, no fsync, no atomic rename); for a command a bare spawn with the token on stdin
 * (no timeout, no stderr kept, no redaction).
 */
export async function benchDeliveries(): Promise<Figure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'token-desk-bench-deliveries-'))
  try {
    const envPath = join(dir, '.env')
    const lines = Array.from({ length: ENV_LINES }, (_, i) => (i % 5 === 0 ? `# comment ${i}` : `KEY_${i}=value-${i}`))
    await writeFile(envPath, `${lines.join('\n')}\nFB_ACCESS_TOKEN=old\n`, { mode: 0o600 })
    const plainPath = join(dir, 'plain.env')
    await writeFile(plainPath, await readFile(envPath))
    const envFile: Destination = { id: 'bench-env', kind: 'env-file', path: envPath, key: 'FB_ACCESS_TOKEN' }
    const envMs = await timed(DELIVERY_RUNS, (i) => deliver(envFile, tokenOf(i)))
    const plainMs = await timed(DELIVERY_RUNS, async (i) => {
      const text = await readFile(plainPath, 'latin1')
      await writeFile(plainPath, setEnvValue(text, 'FB_ACCESS_TOKEN', tokenOf(i)).text, 'latin1')
    })
    if (!(await readFile(envPath, 'latin1')).includes(`FB_ACCESS_TOKEN=${tokenOf(DELIVERY_RUNS - 1)}\n`)) {
      throw new Error('The .env delivery did not leave the last token in the file.')
    }

    const tool = join(dir, 'read-token')
    await writeFile(tool, '#!/bin/sh\ncat > /dev/null\n')
    await chmod(tool, 0o755)
    const command: Destination = { id: 'bench-command', kind: 'command', argv: [tool] }
    const commandMs = await timed(DELIVERY_RUNS, (i) => deliver(command, tokenOf(i)))
    const bareMs = await timed(DELIVERY_RUNS, (i) => pipeTo([tool], tokenOf(i)))
    note(`deliveries: .env ${envMs} ms (plain rewrite ${plainMs} ms), command ${commandMs} ms (bare spawn ${bareMs} ms), median of ${DELIVERY_RUNS}`)
    return [
      { name: 'delivery_env_file_ms', value: envMs, baseline: plainMs, unit: 'ms' },
      { name: 'delivery_command_ms', value: commandMs, baseline: bareMs, unit: 'ms' },
    ]
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
