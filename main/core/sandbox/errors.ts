import { newFbtraceId } from './ids'

/** The `kind` word in `WWW-Authenticate: OAuth "Facebook Platform" "<kind>" "<message>"`. */
export type AuthKind = 'invalid_token' | 'invalid_request' | 'invalid_code' | 'not_found'

export interface GraphErrorInit {
  status?: number
  subcode?: number
  type?: string
  authKind?: AuthKind
  isTransient?: boolean
  /** `error_user_title` and `error_user_msg`: words for the person, not the developer (§7.1). */
  userTitle?: string
  userMsg?: string
  headers?: Record<string, string>
}

/** A Graph error a handler throws; the router turns it into the real shape (graph-api.md §7.1). */
export class GraphError extends Error {
  readonly status: number
  readonly code: number
  readonly subcode: number | undefined
  readonly type: string
  readonly authKind: AuthKind
  readonly isTransient: boolean | undefined
  readonly userTitle: string | undefined
  readonly userMsg: string | undefined
  readonly headers: Record<string, string>

  constructor(code: number, message: string, init: GraphErrorInit = {}) {
    super(message)
    this.name = 'GraphError'
    this.code = code
    this.status = init.status ?? 400
    this.subcode = init.subcode
    this.type = init.type ?? 'OAuthException'
    this.authKind = init.authKind ?? (code === 190 ? 'invalid_token' : 'invalid_request')
    this.isTransient = init.isTransient
    this.userTitle = init.userTitle
    this.userMsg = init.userMsg
    this.headers = init.headers ?? {}
  }
}

export interface Reply {
  status: number
  headers: Record<string, string>
  body: string
}

export function errorBody(err: GraphError): string {
  const error: Record<string, unknown> = { message: err.message, type: err.type, code: err.code }
  if (err.subcode !== undefined) error.error_subcode = err.subcode
  if (err.isTransient !== undefined) error.is_transient = err.isTransient
  if (err.userTitle !== undefined) error.error_user_title = err.userTitle
  if (err.userMsg !== undefined) error.error_user_msg = err.userMsg
  error.fbtrace_id = newFbtraceId()
  return JSON.stringify({ error })
}

export function wwwAuthenticate(err: GraphError): string {
  // A header carries printable ASCII only: an echoed unicode field expression must not break it.
  const quoted = err.message.replace(/["\\]/g, '').replace(/[^\x20-\x7e]/g, '?')
  return `OAuth "Facebook Platform" "${err.authKind}" "${quoted}"`
}

export function errorReply(err: GraphError): Reply {
  return {
    status: err.status,
    headers: { ...err.headers, 'www-authenticate': wwwAuthenticate(err) },
    body: errorBody(err),
  }
}

// Frequently thrown errors, with the texts real captures show.
export const noTokenError = (): GraphError => new GraphError(104, 'An access token is required to request this resource.')
export const meWithoutUserError = (): GraphError =>
  new GraphError(2500, 'An active access token must be used to query information about the current user.')
export const unknownPathError = (rest: string): GraphError => new GraphError(2500, `Unknown path components: ${rest}`)
export const permissionError = (): GraphError =>
  new GraphError(200, "(#200) The user hasn't authorized the application to perform this action")
/** The real text (several captures) for a business object without business_management; code 200, OAuthException. */
export const businessPermissionError = (): GraphError =>
  new GraphError(200, '(#200) Requires business_management permission to manage the object')
export const badParam = (message: string): GraphError => new GraphError(100, message)

export function unsupportedRequest(method: string, id: string): GraphError {
  return new GraphError(
    100,
    `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    { subcode: 33, type: 'GraphMethodException', authKind: 'not_found' },
  )
}
