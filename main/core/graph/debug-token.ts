import { DEBUG_TOKEN_TYPES } from '../../../preload/api'
import type { GraphErrorInfo } from './classify'
import { NATIVE_DESKTOP_WORDS, UNKNOWN_APP_WORDS, WRONG_SECRET_WORDS, classifyGraphError, clientErrorInfo } from './classify'
import type { ResolvedConfig } from './config'
import { GraphError } from './errors'
import type { Transport } from './http'
import { runBatch } from './batch'
import { appTokenLiteral } from './oauth'

/** debug_token's `data`, times in milliseconds (graph-api.md §5.1). */
export interface TokenDebugInfo {
  isValid: boolean
  type: (typeof DEBUG_TOKEN_TYPES)[number] | null
  appId: string | null
  application: string | null
  userId: string | null
  profileId: string | null
  issuedAt: number | null
  /** Null when the token never expires or Graph gave no time. */
  expiresAt: number | null
  /** `expires_at: 0`, or an app token. */
  neverExpires: boolean
  /** Null when absent or 0 (never: system users). */
  dataAccessExpiresAt: number | null
  scopes: string[]
  granularScopes: { scope: string; targetIds: string[] | null }[]
  metadata: Record<string, unknown>
  /** When not valid: why, classified. HTTP 200 with is_valid:false is an answer, not a failure. */
  error: GraphErrorInfo | null
}

export type DebugOutcome = { ok: true; info: TokenDebugInfo } | { ok: false; error: GraphErrorInfo }

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null)
const seconds = (v: unknown): number | null => (typeof v === 'number' && v > 0 ? v * 1000 : null)
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [])

export function parseDebugToken(body: unknown): TokenDebugInfo | null {
  const outer = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {}
  if (outer.data === null || typeof outer.data !== 'object') return null
  const d = outer.data as Record<string, unknown>
  const type = DEBUG_TOKEN_TYPES.find((k) => k === d.type) ?? null
  const granular = Array.isArray(d.granular_scopes) ? (d.granular_scopes as unknown[]) : []
  return {
    isValid: d.is_valid === true,
    type,
    appId: str(d.app_id),
    application: str(d.application),
    userId: str(d.user_id),
    profileId: str(d.profile_id),
    issuedAt: seconds(d.issued_at),
    expiresAt: seconds(d.expires_at),
    neverExpires: d.expires_at === 0 || type === 'APP',
    dataAccessExpiresAt: seconds(d.data_access_expires_at),
    scopes: strings(d.scopes),
    granularScopes: granular.flatMap((g) => {
      if (g === null || typeof g !== 'object' || typeof (g as { scope?: unknown }).scope !== 'string') return []
      const entry = g as { scope: string; target_ids?: unknown }
      return [{ scope: entry.scope, targetIds: Array.isArray(entry.target_ids) ? strings(entry.target_ids) : null }]
    }),
    metadata: d.metadata !== null && typeof d.metadata === 'object' ? (d.metadata as Record<string, unknown>) : {},
    error: d.error !== null && typeof d.error === 'object' ? classifyGraphError(d.error, 200) : null,
  }
}

function appTokenRefusedError(error: GraphError): GraphError {
  const unknownApp = /application/i.test(error.graphMessage ?? '')
  const [message, action] = unknownApp ? UNKNOWN_APP_WORDS : WRONG_SECRET_WORDS
  return new GraphError(
    {
      kind: 'configuration',
      detail: unknownApp ? 'unknown-app' : 'wrong-secret',
      code: error.code,
      subcode: error.subcode,
      httpStatus: error.httpStatus,
      isTransient: false,
      message,
      action,
    },
    error.operation,
  )
}

/**
 * "As if no token was sent" means a wrong secret as often as a Native/Desktop app (the answer a
 * user reported for a wrong secret, graph-api-doctor.md §1.4). Asking for an app token with the
 * same secret tells them apart: refused, the secret (or the App ID) is wrong; granted, the secret
 * is right and the app must be Native/Desktop.
 */
export async function explainNoToken(config: ResolvedConfig, transport: Transport, refused: GraphError): Promise<GraphError> {
  try {
    await transport({
      method: 'GET',
      path: 'oauth/access_token',
      params: { client_id: config.appId, client_secret: config.appSecret, grant_type: 'client_credentials' },
    })
  } catch (probe) {
    if (probe instanceof GraphError && probe.kind === 'configuration') return probe
    return refused
  }
  const [message, action] = NATIVE_DESKTOP_WORDS
  return new GraphError(
    { kind: 'configuration', detail: 'native-desktop', code: refused.code, subcode: refused.subcode, httpStatus: refused.httpStatus, isTransient: false, message, action },
    refused.operation,
  )
}

const SHAPE_ERROR = clientErrorInfo('Facebook answered a token check in an unexpected shape.', 200)

export function createDebugToken(config: ResolvedConfig, transport: Transport) {
  // Native/Desktop apps treat app-token calls as carrying no token (§1.5): check with an admin's token.
  let appTokenRefused = config.appType === 'native-desktop'

  const withChecker = async <T>(run: (checker: string) => Promise<T>): Promise<T> => {
    const admin = config.adminUserToken()
    if (appTokenRefused && admin) return run(admin)
    try {
      return await run(appTokenLiteral(config))
    } catch (error) {
      // The app token itself was refused as a dead token: the App ID or secret is wrong, not the input.
      if (error instanceof GraphError && error.kind === 'token-dead') throw appTokenRefusedError(error)
      if (!(error instanceof GraphError) || error.detail !== 'no-token') throw error
      if (!admin) throw await explainNoToken(config, transport, error)
      appTokenRefused = true
      config.log.info('app token refused for debug_token; using the admin user token')
      return run(admin)
    }
  }

  const debugToken = (inputToken: string): Promise<TokenDebugInfo> =>
    withChecker(async (checker) => {
      const { body } = await transport({ method: 'GET', path: 'debug_token', params: { input_token: inputToken }, token: checker, secrets: [inputToken] })
      const info = parseDebugToken(body)
      if (!info) throw new GraphError(SHAPE_ERROR, 'GET /debug_token')
      return info
    })

  /** Batched: at most 50 per request, results in input order. */
  const debugTokens = (inputTokens: readonly string[]): Promise<DebugOutcome[]> =>
    withChecker(async (checker) => {
      const items = inputTokens.map((t) => ({ method: 'GET' as const, relativeUrl: `debug_token?input_token=${encodeURIComponent(t)}` }))
      const results = await runBatch(transport, config, items, { accessToken: checker, includeHeaders: false })
      const refused = results.find((r) => !r.ok && r.error.detail === 'no-token')
      if (refused && !refused.ok) throw new GraphError(refused.error, 'POST /batch debug_token')
      return results.map((r): DebugOutcome => {
        if (!r.ok) return { ok: false, error: r.error }
        const info = parseDebugToken(r.body)
        return info ? { ok: true, info } : { ok: false, error: SHAPE_ERROR }
      })
    })

  return { debugToken, debugTokens }
}
