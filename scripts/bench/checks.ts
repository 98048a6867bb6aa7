import { createGraphClient, type GraphClient } from '../../main/core/graph'
import type { Sandbox } from '../../main/core/sandbox'
import { createTokenChecker } from '../../main/core/tokens/checker'
import { elapsedMs, note, type Figure } from './report'

export const CHECK_SIZES = [1, 50, 500, 2000] as const
export const CHECK_LATENCY_MS = 25

/** Top-level HTTP requests the sandbox's Graph side received; batch items are not requests. */
const graphRequests = (sandbox: Sandbox): number => sandbox.requests.filter((r) => r.side === 'graph' && !r.batchItem).length

interface Measured {
  requests: number
  ms: number
}

async function measure(sandbox: Sandbox, run: () => Promise<void>): Promise<Measured> {
  const before = graphRequests(sandbox)
  const started = performance.now()
  await run()
  return { ms: elapsedMs(started), requests: graphRequests(sandbox) - before }
}

/** Token Desk's check: the monitor's checker over batched debug_token. Every token must come back valid. */
async function batched(graph: GraphClient, appId: string, stored: ReadonlyMap<string, string>): Promise<void> {
  const checker = createTokenChecker({ graph: () => graph, appId: () => appId, secretOf: (id) => Promise.resolve(stored.get(id) ?? null) })
  const result = await checker.check([...stored.keys()])
  if (result.outcome !== 'ok') throw new Error(`The batched check failed: ${result.message}`)
  const valid = [...result.results.values()].filter((v) => v.valid).length
  if (valid !== stored.size) throw new Error(`The batched check found ${valid} of ${stored.size} tokens valid.`)
}

/** The baseline: one debug_token request per token, one after another. */
async function oneByOne(graph: GraphClient, stored: ReadonlyMap<string, string>): Promise<void> {
  for (const token of stored.values()) {
    const info = await graph.debugToken(token)
    if (!info.isValid) throw new Error('The one-by-one check found a token not valid.')
  }
}

/**
 * For each size: that many long-lived user tokens issued by the sandbox and held in memory
 * (the vault is left out, so only the network pattern differs), checked both ways with the
 * sandbox answering every HTTP request after CHECK_LATENCY_MS.
 */
export async function benchChecks(sandbox: Sandbox): Promise<Figure[]> {
  const graph = createGraphClient({ graphUrl: sandbox.graphUrl, wwwUrl: sandbox.wwwUrl, appId: sandbox.practiceApp.id, appSecret: sandbox.practiceApp.secret })
  const largest = Math.max(...CHECK_SIZES)
  const tokens = Array.from({ length: largest }, () => sandbox.issueToken({ kind: 'USER', lifetime: 'long' }))
  sandbox.controls.setLatency(CHECK_LATENCY_MS)
  try {
    // One unmeasured call each way first, so neither side pays for connection set-up or JIT alone.
    await batched(graph, sandbox.practiceApp.id, new Map([['warm', tokens[0]!]]))
    await oneByOne(graph, new Map([['warm', tokens[0]!]]))
    const figures: Figure[] = []
    for (const size of CHECK_SIZES) {
      const stored = new Map(tokens.slice(0, size).map((token, i) => [`token-${i}`, token]))
      const ours = await measure(sandbox, () => batched(graph, sandbox.practiceApp.id, stored))
      const base = await measure(sandbox, () => oneByOne(graph, stored))
      note(`check ${size}: batched ${ours.requests} requests ${ours.ms} ms, one by one ${base.requests} requests ${base.ms} ms`)
      figures.push({ name: `check_requests_${size}`, value: ours.requests, baseline: base.requests, unit: 'requests' })
      figures.push({ name: `check_ms_${size}`, value: ours.ms, baseline: base.ms, unit: 'ms' })
    }
    return figures
  } finally {
    sandbox.controls.setLatency(0)
  }
}
