// The whole bridge: one function per method of the contract, one state subscription. Nothing
// else of Electron or Node reaches the page (R9). Bundled as one CommonJS file for the sandbox.
import { contextBridge, ipcRenderer } from 'electron'
import type { AppState, TokenDeskApi } from './api'
import { METHODS, STATE_CHANNEL, channelOf } from './methods'

const methods = Object.fromEntries(
  METHODS.map((method) => [method, (input: unknown) => ipcRenderer.invoke(channelOf(method), input ?? {})]),
) as Omit<TokenDeskApi, 'onState'>

const onState: TokenDeskApi['onState'] = (listener) => {
  if (typeof listener !== 'function') throw new TypeError('onState needs a function')
  // The IpcRendererEvent stays here: its `sender` would hand the page ipcRenderer itself.
  const forward = (_event: unknown, state: AppState): void => listener(state)
  ipcRenderer.on(STATE_CHANNEL, forward)
  return () => {
    ipcRenderer.removeListener(STATE_CHANNEL, forward)
  }
}

contextBridge.exposeInMainWorld('tokenDesk', { ...methods, onState } satisfies TokenDeskApi)
