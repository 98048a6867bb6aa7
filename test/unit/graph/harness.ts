import { createLogger, memorySink } from '../../../main/core/log'
import type { GraphClient, GraphConfig } from '../../../main/core/graph'
import { createGraphClient } from '../../../main/core/graph'
import type { ScriptedServer } from '../../support/scripted-server'
import { startScriptedServer } from '../../support/scripted-server'

export const APP_ID = '1234567890123'
export const APP_SECRET = '0f1e2d3c4b5a69788796a5b4c3d2e1f0'
export const USER_TOKEN = 'EAAGuserTokenForTests0123456789abcdefXYZ'
export const PAGE_TOKEN = 'EAAGpageTokenForTests0123456789abcdefXYZ'
export const ADMIN_TOKEN = 'EAAGadminTokenForTests0123456789abcdefXY'
export const NOW = Date.UTC(2026, 7, 1, 12, 0, 0)

export interface Harness {
  server: ScriptedServer
  client: GraphClient
  /** Every wait the client asked for, in order. */
  waits: number[]
  logs: ReturnType<typeof memorySink>
  clock: { value: number }
}

/** A client on a fresh scripted server; sleeps are recorded and move the clock, random() is 0.5. */
export async function startHarness(overrides: Partial<GraphConfig> = {}): Promise<Harness> {
  const server = await startScriptedServer()
  const waits: number[] = []
  const logs = memorySink()
  const clock = { value: NOW }
  const client = createGraphClient({
    graphUrl: server.url,
    wwwUrl: `${server.url}/www`,
    appId: APP_ID,
    appSecret: APP_SECRET,
    clock: { now: () => clock.value },
    sleep: (ms) => {
      waits.push(ms)
      clock.value += ms
      return Promise.resolve()
    },
    random: () => 0.5,
    log: createLogger(logs, 'debug'),
    ...overrides,
  })
  return { server, client, waits, logs, clock }
}

/** Graph's error body (graph-api.md §7.1). */
export function graphError(code: number, message: string, extra: Record<string, unknown> = {}): { error: Record<string, unknown> } {
  return { error: { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEfGh123', ...extra } }
}

/** Runs a promise expected to reject and returns the rejection. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}
