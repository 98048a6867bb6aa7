import { contextBridge, ipcRenderer } from 'electron'
import { METHODS, STATE_CHANNEL, channelOf, type AppState, type TokenDeskApi } from './api'

const api = Object.fromEntries(
  METHODS.map((method) => [method, (input: unknown) => ipcRenderer.invoke(channelOf(method), input)]),
) as Omit<TokenDeskApi, 'onState'>

contextBridge.exposeInMainWorld('tokenDesk', {
  ...api,
  onState: (listener: (state: AppState) => void) => {
    const handler = (_event: unknown, state: AppState) => listener(state)
    ipcRenderer.on(STATE_CHANNEL, handler)
    return () => ipcRenderer.removeListener(STATE_CHANNEL, handler)
  },
} satisfies TokenDeskApi)
