// The one place ipcMain is used (lint enforces it). Every handler goes through registerHandler.
import { METHODS, STATE_CHANNEL, channelOf, schemas, type AppState, type Input, type Method, type Reply } from '../../preload/api'
import type { AppCore } from '../core/app/types'
import { describeIssue } from '../core/input-issue'
import type { Logger } from '../core/ports'
import { redactText } from '../core/redact'
import { isAppUrl, parseUrl } from './origins'

export interface FrameLike {
  readonly url: string
  readonly parent: unknown
}

export interface InvokeEventLike {
  readonly senderFrame: FrameLike | null
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void
}

export interface SenderPolicy {
  /** The dev server's origin (`http://localhost:5173`) in an unpackaged dev run; null otherwise. */
  devOrigin: string | null
}

/** A message may come only from the top frame of a page on the app's origin. */
export function isTrustedSender(frame: FrameLike | null | undefined, policy: SenderPolicy): boolean {
  if (!frame || frame.parent !== null) return false
  if (isAppUrl(frame.url)) return true
  if (policy.devOrigin === null) return false
  const url = parseUrl(frame.url)
  return url !== null && url.origin === policy.devOrigin
}

const refused = (code: 'invalid-input' | 'not-allowed' | 'failed', message: string) =>
  ({ ok: false, error: { code, message } }) as const

/**
 * The last line of defence for the renderer never receiving a secret: a reply the redactor
 * would change (a token shape, a registered secret, a secret-named field) is withheld.
 */
export function holdsSecret(value: unknown): boolean {
  // A refusal's `code` is the bridge's own word ('not-allowed'), not an OAuth code: its message is what could leak.
  const refusal = value as { ok?: unknown; error?: { message?: unknown } } | null
  const text = refusal?.ok === false && typeof refusal.error?.message === 'string' ? refusal.error.message : (JSON.stringify(value) ?? '')
  return redactText(text) !== text
}

export function registerHandler<M extends Method>(
  ipcMain: IpcMainLike,
  method: M,
  fn: (input: Input<M>) => Promise<Reply<M>>,
  policy: SenderPolicy,
  log: Logger,
): void {
  const schema = schemas[method]
  ipcMain.handle(channelOf(method), async (event, payload): Promise<Reply<M>> => {
    if (!isTrustedSender(event.senderFrame, policy)) {
      log.warn('ipc refused: untrusted sender', { method, frame: event.senderFrame?.url.split(/[?#]/)[0] ?? null })
      return refused('not-allowed', 'This request did not come from Token Desk.')
    }
    const parsed = schema.safeParse(payload ?? {})
    if (!parsed.success) return refused('invalid-input', describeIssue(parsed.error))
    try {
      const reply = await fn(parsed.data as Input<M>)
      if (holdsSecret(reply)) {
        log.error('ipc reply withheld: it looked like it held a secret', { method })
        return refused('failed', 'Something went wrong. Nothing was shown.')
      }
      return reply
    } catch (error) {
      log.error('ipc handler failed', { method, error })
      return refused('failed', 'Something went wrong. Please try again.')
    }
  })
}

/** One handler per method of the contract, each calling the core. */
export function registerCoreHandlers(ipcMain: IpcMainLike, core: Pick<AppCore, 'call'>, policy: SenderPolicy, log: Logger): void {
  for (const method of METHODS) {
    registerHandler(ipcMain, method, (input) => core.call(method, input), policy, log)
  }
}

export interface StateTargetLike {
  isDestroyed(): boolean
  send(channel: string, state: AppState): void
}

export function pushState(target: StateTargetLike | null, state: AppState): void {
  if (target && !target.isDestroyed()) target.send(STATE_CHANNEL, state)
}
