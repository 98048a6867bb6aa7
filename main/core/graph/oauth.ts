import type { ResolvedConfig } from './config'
import { clientErrorInfo } from './classify'
import { GraphError } from './errors'
import type { Transport } from './http'

/** A token as the oauth/access_token endpoint hands it out. */
export interface TokenGrant {
  token: string
  /** Seconds, as Graph said; null when it gave none (app tokens). */
  expiresIn: number | null
  /** Milliseconds since the epoch: receipt time plus expires_in; null when none was given. */
  expiresAt: number | null
  /** `token_type`, normally `bearer`. */
  type: string
}

export interface ExchangeCodeOptions {
  code: string
  redirectUri: string
  codeVerifier?: string
}

export function appTokenLiteral(config: ResolvedConfig): string {
  return `${config.appId}|${config.appSecret}`
}

/** Reads `{access_token, token_type, expires_in}`; `receivedAt` is the clock at receipt. */
export function parseTokenGrant(body: unknown, receivedAt: number, operation: string): TokenGrant {
  const record = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {}
  if (typeof record.access_token !== 'string' || record.access_token === '') {
    throw new GraphError(
clientErrorInfo('Facebook answered without a token.', 200), operation
    )
  }
  const raw = record.expires_in
  const expiresIn = typeof raw === 'number' && raw > 0 ? raw : typeof raw === 'string' && /^\d+$/.test(raw) && raw !== '0' ? Number(raw) : null
  return {
    token: record.access_token,
    expiresIn,
    expiresAt: expiresIn === null ? null : receivedAt + expiresIn * 1000,
    type: typeof record.token_type === 'string' ? record.token_type : 'bearer',
  }
}

export function createOAuth(config: ResolvedConfig, transport: Transport) {
  const grant = async (params: Record<string, string | undefined>, secrets: string[], once: boolean): Promise<TokenGrant> => {
    const { body } = await transport({
      method: 'GET',
      path: 'oauth/access_token',
      params: { client_id: config.appId, client_secret: config.appSecret, ...params },
      secrets,
      retry: once ? 'until-response' : 'normal',
    })
    return parseTokenGrant(body, config.clock.now(), 'GET /oauth/access_token')
  }

  return {
    /** A code is single-use: never sent twice once any answer came back. */
    exchangeCode: (options: ExchangeCodeOptions): Promise<TokenGrant> =>
      grant(
        { redirect_uri: options.redirectUri, code: options.code, code_verifier: options.codeVerifier },
        [options.code, options.codeVerifier ?? ''],
        true,
      ),
    exchangeForLongLived: (userToken: string): Promise<TokenGrant> =>
      grant({ grant_type: 'fb_exchange_token', fb_exchange_token: userToken }, [userToken], false),
    appToken: (): Promise<TokenGrant> => grant({ grant_type: 'client_credentials' }, [], false),
  }
}
