import { setTimeout as sleep } from 'node:timers/promises'
import { launchBareServer, launchServe, residentKb, type Launched } from './processes'
import { note, type Figure } from './report'

export const IDLE_MS = 2_000

/** Opens the launch URL as a browser would, keeping the session cookie it sets. */
async function sessionCookie(launchUrl: string): Promise<string> {
  const reply = await fetch(launchUrl, { redirect: 'manual' })
  const cookie = reply.headers.getSetCookie()[0]?.split(';')[0]
  if (!cookie) throw new Error(`The launch URL set no cookie (HTTP ${reply.status}).`)
  return cookie
}

async function callBridge(origin: string, cookie: string, method: string): Promise<void> {
  const reply = await fetch(`${origin}/api/call/${method}`, {
    method: 'POST',
    headers: { cookie, origin, 'x-token-desk': '1', 'content-type': 'application/json' },
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
    const cookie = await sessionCookie(served.url)
    await callBridge(origin, cookie, 'startPractice')
    await callBridge(origin, cookie, 'checkNow')
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
