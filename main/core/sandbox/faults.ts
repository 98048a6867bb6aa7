import { randomUUID } from 'node:crypto'
import { GraphError, errorReply, type Reply } from './errors'
import type { SandboxState } from './state'
import { deathMessage, deathUserMessage } from './token-messages'
import { appUsageHeaders, bucEntry, marketingHeaders } from './usage'
import type { FaultSpec } from './types'

const RATE_LIMIT_DOC = 'Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.'

const THROTTLE_MESSAGES: Record<number, string> = {
  4: '(#4) Application request limit reached',
  17: '(#17) User request limit reached',
  32: '(#32) Page request limit reached',
  613: '(#613) Calls to this api have exceeded the rate limit.',
  80000: `(#80000) There have been too many calls from this ad-account. ${RATE_LIMIT_DOC}`,
  80001: `(#80001) There have been too many calls to this Page account. ${RATE_LIMIT_DOC}`,
  80003: `(#80003) There have been too many calls for this custom audience. ${RATE_LIMIT_DOC}`,
  80004: `(#80004) There have been too many calls to this ad-account. ${RATE_LIMIT_DOC}`,
}

const ERROR_MESSAGES: Record<number, string> = {
  1: 'An unknown error occurred',
  2: 'An unexpected error has occurred. Please retry your request later.',
  10: '(#10) Application does not have permission for this action',
  100: 'Invalid parameter',
  102: 'Session key invalid or no longer valid',
  190: 'Invalid OAuth access token.',
  200: "(#200) The user hasn't authorized the application to perform this action",
  341: '(#341) Application limit reached',
  368: 'It looks like you were misusing this feature by going too fast.',
}

const KINDS = new Set(['error', 'http', 'throttle', 'drop', 'slow'])

export function addFault(state: SandboxState, spec: FaultSpec): string {
  if (!KINDS.has(spec.kind)) throw new Error(`Unknown fault kind ${String(spec.kind)}.`)
  const times = spec.times ?? 1
  if (!(times > 0)) throw new Error('A fault needs times > 0.')
  if (spec.kind === 'http' && !(spec.status >= 500 && spec.status <= 599)) throw new Error('An http fault is a 5xx status.')
  if (spec.kind === 'slow' && !(spec.delayMs >= 0 && spec.delayMs <= 600_000)) throw new Error('A slow fault waits 0 to 600000 ms.')
  const id = randomUUID()
  state.faults.push({ id, spec, remaining: times })
  return id
}

/** The first fault matching this request, consumed once. */
export function takeFault(state: SandboxState, request: { path: string; method: string }): FaultSpec | null {
  const index = state.faults.findIndex(
    (f) =>
      (f.spec.path === undefined || request.path.includes(f.spec.path)) &&
      (f.spec.method === undefined || f.spec.method.toUpperCase() === request.method.toUpperCase()),
  )
  const fault = state.faults[index]
  if (!fault) return null
  fault.remaining -= 1
  if (fault.remaining <= 0) state.faults.splice(index, 1)
  return fault.spec
}

function throttleHeaders(state: SandboxState, code: number, subcode: number | undefined, regain: number): Record<string, string> {
  if (code >= 80000) {
    const key = state.adAccounts[0]?.accountId ?? state.practiceAppId
    return { 'x-business-use-case-usage': JSON.stringify({ [key]: [bucEntry(state, 100, regain)] }) }
  }
  if (code === 613 || subcode === 2446079) return marketingHeaders(state, { pct: 100, regainMinutes: regain })
  return appUsageHeaders(state, 100)
}

/** The reply an error, http or throttle fault gives (drop and slow are the server's). */
export function faultReply(state: SandboxState, spec: FaultSpec): Reply | null {
  switch (spec.kind) {
    case 'error': {
      const message =
        spec.message ??
        (spec.code === 190 && spec.subcode !== undefined
          ? deathMessage(spec.subcode, { appId: state.practiceAppId, userId: state.practiceUserId, expiresAtMs: 0, nowMs: 0 })
          : (ERROR_MESSAGES[spec.code] ?? `An error occurred (#${spec.code})`))
      const words =
        spec.code === 190 && spec.subcode !== undefined && state.behaviour.userMessagesOnTokenErrors ? deathUserMessage(spec.subcode) : undefined
      const init = {
        subcode: spec.subcode,
        type: spec.type,
        status: spec.status,
        isTransient: spec.isTransient,
        userTitle: spec.userTitle ?? words?.userTitle,
        userMsg: spec.userMsg ?? words?.userMsg,
      }
      return errorReply(new GraphError(spec.code, message, init))
    }
    case 'throttle': {
      const regain = spec.regainMinutes ?? 1
      const headers = throttleHeaders(state, spec.code, spec.subcode, regain)
      if (spec.retryAfterSeconds !== undefined) headers['retry-after'] = String(spec.retryAfterSeconds)
      const err = new GraphError(spec.code, THROTTLE_MESSAGES[spec.code] ?? `(#${spec.code}) Rate limited`, {
        subcode: spec.subcode,
        status: spec.status ?? state.behaviour.throttleStatus,
        isTransient: spec.code === 4 ? true : undefined,
        headers,
      })
      return errorReply(err)
    }
    case 'http':
      return httpFaultReply(spec.status, spec.body ?? 'graph')
    default:
      return null
  }
}

function httpFaultReply(status: number, body: 'graph' | 'html' | 'empty'): Reply {
  if (body === 'graph') {
    const err = new GraphError(2, ERROR_MESSAGES[2]!, { status, isTransient: true })
    return { ...errorReply(err), headers: {} }
  }
  if (body === 'empty') return { status, headers: {}, body: '' }
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: `<html><body><h1>${status} Server Error</h1></body></html>` }
}
