import { setTimeout as sleep } from 'node:timers/promises'
import { launchBareServer, launchServe, residentKb, type Launched } from './processes'
import { note, type Figure } from './report'

export const IDLE_MS = 2_000

/** Opens the launch URL as the page's bridge does: the key in its fragment, traded once for a session. */
async function openSession(launchUrl: string): Promise<string> {
  const url = new URL(launchUrl)
  const key = new URLSearchParams(url.hash.slice(1)).get('key') ?? ''
  const reply = await fetch(`${url.origin}/api/session`, { method: 'POST', headers: { origin: url.origin, 'x-token-desk': '1', 'x-token-desk-launch': key } })
  const answer = (await reply.json()) as { session?: string }
  if (!answer.session) throw new Error(`The launch URL was refused (HTTP ${reply.status}).`)
  return answer.session
}

async function callBridge(origin: string, session: string, method: string): Promise<void> {
  const reply = await fetch(`${origin}/api/call/${method}`, {
    method: 'POST',
    headers: { 'x-token-desk-session': session, origin, 'x-token-desk': '1', 'content-type': 'application/json' },
    body: '{}',
  })
  const answer = (await reply.json()) as { ok?: boolean }
  if (!reply.ok || answer.ok !== true) throw new Error(`${method} failed: HTTP ${reply.status} ${JSON.stringify(answer)}`)
}

async function idleRss(launched: Launched, work: () => Promise<void>): Promise<number> {
  try {
    await work()
    await sleep(IDLE_MS)
    return await residentKb(launched.pid)
  } finally {
    await launched.stop()
  }
}

/** `token-desk serve --sandbox` after start, practice mode and one check, then idle; against a bare Node static server idle the same way. */
export async function benchMemory(bareAppDir: string): Promise<Figure> {
  const served = await launchServe()
  const ours = await idleRss(served, async () => {
    const origin = new URL(served.url).origin
    const session = await openSession(served.url)
    await callBridge(origin, session, 'startPractice')
    await callBridge(origin, session, 'checkNow')
  })
  const bare = await launchBareServer(bareAppDir)
  const baseline = await idleRss(bare, async () => {
    const html = await fetch(bare.url)
    const script = /src="\.\/([^"]+\.js)"/.exec(await html.text())?.[1]
    if (!script) throw new Error('The bare app has no script tag.')
    await (await fetch(new URL(script, bare.url))).arrayBuffer()
  })
  note(`idle RSS: token-desk serve ${ours} kB, bare server ${baseline} kB`)
  return { name: 'web_host_rss_idle', value: ours, baseline, unit: 'kB' }
}
