import type { AppState, Input, Method, Reply } from '../../../preload/api'

/**
 * The one object both shells (Electron and the web host) call. Inputs reach it already parsed
 * by the method's schema in preload/api.ts; replies never hold a token, secret, code or verifier.
 */
export interface AppCore {
  call<M extends Method>(method: M, input: Input<M>): Promise<Reply<M>>
  /** Every state change; returns the unsubscribe. */
  subscribe(listener: (state: AppState) => void): () => void
  state(): AppState
  start(): Promise<void>
  stop(): Promise<void>
  /** The machine woke from sleep: check soon. */
  wake(): void
  /** The network went away or came back: only coming back triggers a check. */
  setOnline(online: boolean): void
}
