import type { TokenDeskApi } from '../../../preload/api'
import { createHttpBridge } from './http'

declare global {
  interface Window {
    tokenDesk?: TokenDeskApi
  }
}

/** Electron's preload provides `window.tokenDesk`; in a plain browser the web host is behind HTTP. */
export function pickBridge(): TokenDeskApi {
  return window.tokenDesk ?? createHttpBridge()
}
