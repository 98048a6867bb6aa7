import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { probeDialog } from '../../../main/core/doctor/dialog-probe'
import type { AppState } from '../../../preload/api'
import type { AppCore } from '../../../main/core/app/types'
import { createGraphClient, GraphError } from '../../../main/core/graph'
import { silentLogger } from '../../../main/core/log'
import { systemTimers } from '../../../main/core/ports'
import { startSandbox } from '../../../main/core/sandbox'
import { composeShell, type CorePorts } from '../../../main/shell/compose'
import { GRAPH_PARTITION, asFetchError, describeChromiumProxy, sessionFetch } from '../../../main/shell/graph-fetch'
import { createSafeStorageCipher } from '../../../main/shell/safe-storage-cipher'
import { startHarness } from '../../integration/app/harness'
import { readyFakeElectron, requestOn } from '../../fakes/electron'
import { appState } from './fixtures'

function idleCore(): AppCore {
  const state: AppState = appState([])
  return {
    call: () => Promise.resolve({ ok: true, value: state } as never),
    subscribe: () => () => undefined,
    state: () => state,
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    wake: () => undefined,
    setOnline: () => undefined,
  }
}

describe('the desktop fetch port (net.fetch from a dedicated session)', () => {
  it('composeShell hands the core ses.fetch of an in-memory partition no window uses', async () => {
    const electron = readyFakeElectron()
    let ports: CorePorts | null = null
    const cipher = createSafeStorageCipher(electron.safeStorage, 'linux')
    await composeShell(electron, (p) => ((ports = p), idleCore()), {
      platform: 'linux', isPackaged: true, rendererRoot: '/r', preloadPath: '/p.cjs', iconDir: '/i', userDataDir: '/u', devServerUrl: null,
      startHidden: true, execPath: '/opt/token-desk', cipher, log: silentLogger, timers: systemTimers, clock: { now: () => 0 },
    })
    expect(GRAPH_PARTITION.startsWith('persist:')).toBe(false)
    const graph = electron.session.partitions.get(GRAPH_PARTITION)
    expect(graph).toBeDefined()
    const sandbox = await startSandbox({ ticking: false })
    try {
      const response = await ports!.fetch!(new URL(`${sandbox.graphUrl}/v26.0/me`), { method: 'GET' })
      expect(response.status).toBe(400) // no token: Graph's own error, so the request did reach it
      expect(graph!.fetched).toEqual([
        { url: `${sandbox.graphUrl}/v26.0/me`, init: { method: 'GET', credentials: 'omit', cache: 'no-store', bypassCustomProtocolHandlers: true } },
      ])
      expect(electron.session.defaultSession.fetched).toEqual([])
      for (const [name, s] of electron.session.partitions) if (name !== GRAPH_PARTITION) expect(s.fetched, name).toEqual([])
    } finally {
      await sandbox.close()
    }
  })

  it('every Graph call of a whole practice journey goes through that session', async () => {
    const electron = readyFakeElectron()
    const session = electron.session.fromPartition(GRAPH_PARTITION)
    const h = await startHarness({ fetch: sessionFetch(session, requestOn(electron, GRAPH_PARTITION)) })
    try {
      await h.call('startPractice', {})
      await h.call('choosePurpose', { purpose: 'manage-pages' })
      const state = await h.call('login', {})
      if (state.wizard.step !== 'pages') throw new Error(state.wizard.step)
      await h.call('savePages', { pageIds: state.wizard.pages.map((p) => p.id), saveUserToken: true })
      await h.call('checkNow', {})
      const graphRequests = h.sandbox().requests.length
      expect(graphRequests).toBeGreaterThan(5)
      // Every HTTP request the simulated Graph API received came through the session (batch items
      // ride inside one request; the consent pages are the login window's, on the www side).
      const graphHttp = h.sandbox().requests.filter((r) => r.side === 'graph' && !r.batchItem)
      expect(session.fetched.length).toBe(graphHttp.length)
      expect(session.fetched.every((f) => f.init.credentials === 'omit' && f.init.cache === 'no-store')).toBe(true)
    } finally {
      await h.close()
    }
  })

  it('a failure names the system proxy Chromium chose, and keeps Chromium’s error as a fetch failure', async () => {
    const electron = readyFakeElectron()
    const session = electron.session.fromPartition(GRAPH_PARTITION)
    session.failWith = 'net::ERR_PROXY_CONNECTION_FAILED'
    session.proxyAnswer = 'PROXY proxy.corp:3128; DIRECT'
    const client = createGraphClient({ appId: '1', appSecret: 'a'.repeat(32), graphUrl: 'https://graph.facebook.com', fetch: sessionFetch(session, requestOn(electron, GRAPH_PARTITION)), retry: { maxAttempts: 1 } })
    const error = await client.appToken().then(() => null, (e: unknown) => e)
    expect(error).toBeInstanceOf(GraphError)
    expect((error as GraphError).message).toBe('Could not reach Facebook through the proxy proxy.corp:3128 (from the system proxy settings).')
    session.proxyAnswer = 'DIRECT'
    const direct = await client.appToken().then(() => null, (e: unknown) => e)
    expect((direct as GraphError).message).toBe('Could not reach Facebook.')
  })

  it('reads Chromium’s proxy answers and errors', () => {
    expect(describeChromiumProxy('DIRECT')).toBeNull()
    expect(describeChromiumProxy('HTTPS secure.corp:443; DIRECT')).toBe('https secure.corp:443 (from the system proxy settings)')
    expect(describeChromiumProxy('SOCKS5 s:1080')).toBe('socks5 s:1080 (from the system proxy settings)')
    const wrapped = asFetchError(new Error('net::ERR_NAME_NOT_RESOLVED')) as TypeError & { cause: { code?: string } }
    expect(wrapped).toBeInstanceOf(TypeError)
    expect(wrapped.cause.code).toBe('ENOTFOUND')
    const abort = new DOMException('aborted', 'AbortError')
    expect(asFetchError(abort)).toBe(abort)
  })
})

describe('redirect: manual over the desktop fetch port (issue 18, fault 8)', () => {
  async function redirecting() {
    const server = createServer((req, res) => {
      if (req.url === '/moved') {
        res.writeHead(302, { location: '/elsewhere', 'x-extra': 'yes' })
        return res.end('moved')
      }
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<title>Plain</title><p>here</p>')
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const { port } = server.address() as AddressInfo
    return { base: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) }
  }

  it("Electron's own ses.fetch refuses it: 'Redirect was cancelled' (electron/electron#43715)", async () => {
    const site = await redirecting()
    try {
      const session = readyFakeElectron().session.fromPartition(GRAPH_PARTITION)
      await expect(session.fetch(`${site.base}/moved`, { redirect: 'manual' })).rejects.toThrow('Redirect was cancelled')
    } finally {
      await site.close()
    }
  })

  it('answers with the 3xx and its Location, as Node’s fetch does, and a plain page as it is', async () => {
    const site = await redirecting()
    try {
      const electron = readyFakeElectron()
      const fetchPort = sessionFetch(electron.session.fromPartition(GRAPH_PARTITION), requestOn(electron, GRAPH_PARTITION))
      const moved = await fetchPort(`${site.base}/moved`, { redirect: 'manual' })
      const node = await fetch(`${site.base}/moved`, { redirect: 'manual' })
      expect(moved.status).toBe(node.status)
      expect(moved.headers.get('location')).toBe(`${site.base}/elsewhere`)
      expect(moved.headers.get('x-extra')).toBe('yes')
      const plain = await fetchPort(`${site.base}/page`, { redirect: 'manual', headers: { accept: 'text/html' } })
      expect(plain.status).toBe(200)
      expect(await plain.text()).toContain('<title>Plain</title>')
      // Followed redirects still go through ses.fetch.
      const followed = await fetchPort(`${site.base}/moved`)
      expect(await followed.text()).toContain('Plain')
    } finally {
      await site.close()
    }
  })

  it("the doctor's dialog probe reads a redirecting dialog as opened, not unreachable", async () => {
    const site = await redirecting()
    try {
      const electron = readyFakeElectron()
      const fetchPort = sessionFetch(electron.session.fromPartition(GRAPH_PARTITION), requestOn(electron, GRAPH_PARTITION))
      expect(await probeDialog(`${site.base}/moved`, fetchPort)).toEqual({ kind: 'opened' })
    } finally {
      await site.close()
    }
  })

  it('a manual request that cannot connect fails as a fetch failure, and an abort as an abort', async () => {
    const electron = readyFakeElectron()
    const fetchPort = sessionFetch(electron.session.fromPartition(GRAPH_PARTITION), requestOn(electron, GRAPH_PARTITION))
    const refused = await fetchPort('http://127.0.0.1:9/x', { redirect: 'manual' }).then(() => null, (e: unknown) => e)
    expect(refused).toBeInstanceOf(TypeError)
    expect((refused as TypeError & { cause: { code?: string } }).cause.code).toBe('ECONNREFUSED')
    const controller = new AbortController()
    controller.abort()
    await expect(fetchPort('http://127.0.0.1:9/x', { redirect: 'manual', signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' })
  })
})
