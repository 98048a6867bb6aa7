import { beforeAll, describe, expect, it } from 'vitest'
import { METHODS, STATE_CHANNEL, channelOf, type AppState, type TokenDeskApi } from '../../../preload/api'
import { contextBridge, ipcRenderer } from '../../fakes/electron'

let api: TokenDeskApi

beforeAll(async () => {
  await import('../../../preload/index')
  const exposed = contextBridge.exposed
  expect(exposed).toHaveLength(1)
  api = exposed[0]!.api as TokenDeskApi
})

describe('the preload (R9)', () => {
  it('exposes window.tokenDesk once, with exactly the contract methods plus onState', () => {
    expect(contextBridge.exposed.map((e) => e.key)).toEqual(['tokenDesk'])
    expect(Object.keys(api).sort()).toEqual([...METHODS, 'onState'].sort())
    for (const value of Object.values(api)) expect(typeof value).toBe('function')
  })

  it('exposes nothing generic', () => {
    for (const key of ['ipcRenderer', 'send', 'on', 'invoke', 'sendSync', 'process', 'require']) {
      expect(api).not.toHaveProperty(key)
    }
  })

  it('each method invokes its own channel with the input', async () => {
    ipcRenderer.invoked.length = 0
    await api.removeToken({ id: 'tok_1' })
    await api.getState({})
    expect(ipcRenderer.invoked).toEqual([
      { channel: channelOf('removeToken'), args: [{ id: 'tok_1' }] },
      { channel: channelOf('getState'), args: [{}] },
    ])
  })

  it('onState hands the listener only the payload, and unsubscribes', () => {
    const received: unknown[][] = []
    const unsubscribe = api.onState((...args: unknown[]) => received.push(args))
    const state = { mode: 'practice' } as AppState
    const event = { sender: ipcRenderer, senderId: 0 }
    ipcRenderer.emit(STATE_CHANNEL, event, state)
    expect(received).toEqual([[state]])
    expect(typeof unsubscribe).toBe('function')
    unsubscribe()
    ipcRenderer.emit(STATE_CHANNEL, event, state)
    expect(received).toHaveLength(1)
    expect(ipcRenderer.listenerCount(STATE_CHANNEL)).toBe(0)
  })

  it('onState refuses a non-function', () => {
    expect(() => api.onState('x' as unknown as (s: AppState) => void)).toThrow(TypeError)
  })
})
