import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Method } from '../../preload/api'
import { schemas } from '../../preload/api'
import type { AppCore } from '../core/app/types'
import { describeIssue } from '../core/input-issue'
import type { Logger } from '../core/ports'
import { readBody } from './read-body'
import { sendBridgeError, sendJson } from './respond'

export const MAX_BODY_BYTES = 256 * 1024

export function isMethod(name: string): name is Method {
  return Object.hasOwn(schemas, name)
}

/** POST /api/call/<method>: bounded JSON in, the method's schema, the core, a Reply out. */
export async function handleApiCall(
  req: IncomingMessage,
  res: ServerResponse,
  name: string,
  core: AppCore,
  log: Logger,
): Promise<void> {
  if (!isMethod(name)) return sendBridgeError(res, 404, 'invalid-input', 'Token Desk has no such action.')
  const method = name

  const body = await readBody(req, MAX_BODY_BYTES)
  if (body.kind === 'dropped') return
  if (body.kind === 'too-large') return sendBridgeError(res, 413, 'invalid-input', 'The request is too large.')

  let json: unknown
  try {
    json = JSON.parse(body.text)
  } catch {
    return sendBridgeError(res, 400, 'invalid-input', 'The request is not valid JSON.')
  }
  const parsed = schemas[method].safeParse(json)
  if (!parsed.success) return sendBridgeError(res, 400, 'invalid-input', describeIssue(parsed.error))

  try {
    const reply = await core.call(method, parsed.data)
    sendJson(res, 200, reply)
  } catch (error) {
    log.error('a bridge call failed inside the core', { method, error })
    sendBridgeError(res, 500, 'failed', 'Something went wrong inside Token Desk. The details are in its log.')
  }
}
