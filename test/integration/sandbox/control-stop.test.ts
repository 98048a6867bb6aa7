import { afterEach, beforeEach, expect, it } from 'vitest'
import type { Sandbox } from '../../../main/core/sandbox'
import { start } from './helpers'

let sb: Sandbox
beforeEach(async () => {
  sb = await start()
})
afterEach(() => sb.close())

const stop = (key: string): Promise<Response> => fetch(`${sb.graphUrl}/__sandbox/stop`, { method: 'POST', headers: { 'x-sandbox-key': key }, body: '{}' })

it('asks whoever started the sandbox to stop it, once the answer is out, and only with the control key', async () => {
  let asked = false
  void sb.stopRequested.then(() => {
    asked = true
  })
  expect((await stop('not-the-key')).status).toBe(403)
  await new Promise((resolve) => setTimeout(resolve, 50))
  expect(asked).toBe(false)
  const res = await stop(sb.controlKey)
  expect(res.status).toBe(200)
  expect(await res.json()).toEqual({ ok: true, result: null })
  await sb.stopRequested
  expect(asked).toBe(true)
  // Asking is not stopping: the sandbox answers until it is closed.
  expect((await fetch(`${sb.graphUrl}/v25.0/me`)).status).toBe(400)
})
