// The little of each untyped library that the tests use, typed as the libraries document it.

declare module 'facebook-nodejs-business-sdk' {
  export class FacebookAdsApi {
    static init(accessToken: string, locale?: string, crashLog?: boolean): FacebookAdsApi
    static readonly VERSION: string
    static readonly GRAPH: string
    setDebug(flag: boolean): FacebookAdsApi
  }
  export class CrudObject {
    constructor(id: string | null, data?: Record<string, unknown>, parentId?: string | null, api?: FacebookAdsApi)
    readonly id: string
    _data: Record<string, unknown>
    read(fields: string[], params?: Record<string, unknown>): Promise<this>
  }
  /** The SDK's edge cursor: an array of the current page, with next() loading the following one. */
  export interface Cursor<T> extends Array<T> {
    hasNext(): boolean
    hasPrevious(): boolean
    next(): Promise<Cursor<T>>
    previous(): Promise<Cursor<T>>
    paging: { next?: string; previous?: string; cursors?: { before: string; after: string } }
  }
  export class User extends CrudObject {
    getAdAccounts(fields: string[], params?: Record<string, unknown>): Promise<Cursor<AdAccount>>
    getAccounts(fields: string[], params?: Record<string, unknown>): Promise<Cursor<Page>>
  }
  export class AdAccount extends CrudObject {}
  export class Page extends CrudObject {}
  /** What the SDK rejects with on an HTTP error (the class itself is not exported). */
  export interface FacebookRequestError extends Error {
    status: number | null
    response: { message: string; type: string; code: number; error_subcode?: number; error_user_title?: string; error_user_msg?: string; fbtrace_id?: string } | null
    headers: Record<string, string> | null
    method: string
    url: string
  }
  const sdk: {
    FacebookAdsApi: typeof FacebookAdsApi
    User: typeof User
    AdAccount: typeof AdAccount
    Page: typeof Page
  }
  export default sdk
}

declare module 'passport-facebook' {
  import type { IncomingMessage } from 'node:http'
  export interface Profile {
    provider: string
    id: string
    displayName?: string
    name?: { familyName?: string; givenName?: string; middleName?: string }
    emails?: { value: string }[]
    photos?: { value: string }[]
    _json: Record<string, unknown>
  }
  export interface StrategyOptions {
    clientID: string
    clientSecret: string
    callbackURL: string
    authorizationURL?: string
    tokenURL?: string
    profileURL?: string
    graphAPIVersion?: string
    profileFields?: string[]
    enableProof?: boolean
    state?: boolean
    pkce?: boolean
  }
  export type VerifyCallback = (error: Error | null, user?: unknown) => void
  export class Strategy {
    constructor(options: StrategyOptions, verify: (accessToken: string, refreshToken: string | undefined, profile: Profile, done: VerifyCallback) => void)
    name: string
    _oauth2: { _authorizeUrl: string; _accessTokenUrl: string }
    _profileURL: string
  }
  export type Request = IncomingMessage
}

declare module 'passport' {
  import type { IncomingMessage, ServerResponse } from 'node:http'
  interface Authenticator {
    use(strategy: object): Authenticator
    initialize(): (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void
    authenticate(
      name: string,
      options: Record<string, unknown>,
      callback?: (err: unknown, user: unknown, info: unknown) => void,
    ): (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void
  }
  const passport: Authenticator & { Passport: new () => Authenticator }
  export default passport
}
