/**
 * Payload generators for the bridge fuzz: per contract method, valid inputs built by hand from
 * the rules in preload/api.ts, and hostile ones made by breaking a valid input in one of many
 * ways. The same generators drive the web host over HTTP and the Electron IPC handlers.
 */
import fc from 'fast-check'
import { BREAKS, KNOWN_SCOPES, PURPOSES, type Method } from '../../../preload/api'

/** An own property, even for `__proto__`, as JSON.parse or a structured clone would make it. */
export function withKey(target: object, key: string, value: unknown): object {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  return target
}

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'] as const

const digits = (max: number) => fc.stringMatching(new RegExp(`^\\d{1,${max}}$`))
const id = fc.stringMatching(/^[A-Za-z0-9_.:-]{1,128}$/)
const name = fc
  .string({ minLength: 1, maxLength: 120, unit: 'grapheme' })
  .filter((s) => s.trim().length > 0 && s.trim().length <= 120)
const token = fc.stringMatching(/^[\x21-\x7e]{10,300}$/)
const days = (max: number) => fc.uniqueArray(fc.integer({ min: 1, max }), { minLength: 1, maxLength: 8 })

const empty = fc.constant({})
/** A Configuration ID (digits), or '' and null, which clear one. */
const configId = fc.oneof(digits(32), fc.constant(''), fc.constant(null))
/** A note of where a token is used: one line, up to 300 characters, never token-shaped. */
const usedIn = fc
  .string({ maxLength: 300, unit: 'grapheme' })
  .filter((s) => s.trim().length <= 300 && !/\p{Cc}/u.test(s) && !/EAA[A-Za-z0-9_-]{10,}/.test(s.trim()))

/** A destination the window may add (preload/destinations.ts): each preset with fields its rules accept. */
const destination = fc.oneof(
  fc.record({ kind: fc.constant('env-file'), path: fc.stringMatching(/^\/[A-Za-z0-9_./ -]{1,200}$/), key: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,40}$/) }, { requiredKeys: ['kind', 'path'] }),
  fc.record(
    { kind: fc.constant('github'), name: fc.stringMatching(/^[A-FH-Za-z_][A-Za-z0-9_]{0,40}$/), repo: fc.stringMatching(/^[a-z0-9]{1,20}\/[a-z0-9_.-]{1,30}$/), env: fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9 _.-]{0,30}$/).filter((e) => e.trim() === e) },
    { requiredKeys: ['kind', 'name', 'repo'] },
  ),
  fc.record({ kind: fc.constant('aws'), secretId: fc.stringMatching(/^[A-Za-z0-9/_+=.@][A-Za-z0-9/_+=.@:-]{0,60}$/), region: fc.constantFrom('eu-west-1', 'us-east-2') }, { requiredKeys: ['kind', 'secretId'] }),
  fc.record({ kind: fc.constant('gcloud'), secret: fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_-]{0,60}$/), project: fc.constantFrom('my-project', 'ads-123456') }, { requiredKeys: ['kind', 'secret'] }),
  fc.record({ kind: fc.constant('vault'), path: fc.stringMatching(/^secret\/[a-z0-9_-]{1,30}$/), field: fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,30}$/) }, { requiredKeys: ['kind', 'path'] }),
)

/** A vault passphrase: any characters, spaces kept; 1+ to open a vault, 8+ for a new one, at most 1024. */
const passphrase = (minLength: number) => fc.oneof(fc.string({ minLength, maxLength: 200 }), fc.string({ minLength, maxLength: 1024, unit: 'binary' }).filter((s) => s.length >= minLength && s.length <= 1024))

/** A valid input for each method. Optional keys come and go. */
export const VALID: { [M in Method]: fc.Arbitrary<Record<string, unknown>> } = {
  getState: empty,
  startPractice: fc.record({ app: fc.constantFrom('classic', 'business') }, { requiredKeys: [] }),
  configureApp: fc.record(
    {
      appId: digits(32),
      appSecret: fc.stringMatching(/^[0-9a-fA-F]{32}$/),
      redirectUri: fc.webUrl({ withQueryParameters: true }).filter((u) => u.length <= 2048),
      apiVersion: fc.stringMatching(/^v\d{1,3}\.\d$/),
      configId: digits(32),
    },
    { requiredKeys: ['appId', 'appSecret'] },
  ),
  setLoginConfigs: fc.record({ all: configId, ads: configId, pages: configId, systemUser: configId }, { requiredKeys: [] }),
  choosePurpose: fc.record(
    { purpose: fc.constantFrom(...PURPOSES), scopes: fc.subarray([...KNOWN_SCOPES], { minLength: 1 }) },
    { requiredKeys: ['purpose'] },
  ),
  login: fc.record(
    { authType: fc.constant('rerequest'), addScopes: fc.subarray([...KNOWN_SCOPES]), switchUser: fc.boolean(), configuration: fc.constant('system-user'), purpose: fc.constantFrom(...PURPOSES) },
    { requiredKeys: [] },
  ),
  pasteToken: fc.record({ token, name }, { requiredKeys: ['token'] }),
  extendToken: empty,
  savePages: fc.record(
    { pageIds: fc.array(digits(32), { maxLength: 20 }), saveUserToken: fc.boolean(), name },
    { requiredKeys: ['pageIds', 'saveUserToken'] },
  ),
  resetWizard: fc.record({ askPurpose: fc.constant(true) }, { requiredKeys: [] }),
  checkNow: fc.record({ id }, { requiredKeys: [] }),
  removeToken: fc.record({ id, revoke: fc.boolean(), permission: fc.constantFrom(...KNOWN_SCOPES) }, { requiredKeys: ['id'] }),
  renameToken: fc.record({ id, name }),
  copyToken: fc.record({ id }),
  copySnippet: fc.record({ id, format: fc.constantFrom('curl', 'env', 'node-sdk') }),
  copyInPage: fc.oneof(
    fc.record({ what: fc.constant('token'), id }),
    fc.record({ what: fc.constant('snippet'), id, format: fc.constantFrom('curl', 'env', 'node-sdk') }),
    fc.constant({ what: 'diagnostics' }),
  ),
  reauthorize: fc.record({ id }),
  refreshAccess: empty,
  updateSettings: fc.record(
    {
      reminderDays: days(60),
      dataAccessReminderDays: days(89),
      checkIntervalHours: fc.integer({ min: 1, max: 168 }),
      startAtLogin: fc.boolean(),
      allowWeakSecretStorage: fc.boolean(),
      alertCommand: fc.array(fc.stringMatching(/^[A-Za-z0-9@:/._ -]{1,40}$/), { maxLength: 6 }),
    },
    { requiredKeys: [] },
  ),
  signOutFacebook: empty,
  deleteEverything: fc.constant({ confirm: 'DELETE' }),
  dismissNotice: fc.record({ id }),
  practice: fc.oneof(
    fc.record({ action: fc.constant('advance-time'), days: fc.integer({ min: 1, max: 400 }) }),
    fc.constant({ action: 'change-password' }),
    fc.constant({ action: 'remove-app' }),
    fc.record({ action: fc.constant('remove-page-role'), pageId: digits(32) }, { requiredKeys: ['action'] }),
    fc.record({ action: fc.constant('throttle'), on: fc.boolean() }),
    fc.record({ action: fc.constant('break-app'), what: fc.constantFrom(...BREAKS) }),
    fc.constant({ action: 'repair-app' }),
    fc.constant({ action: 'add-business-page' }),
    fc.constant({ action: 'disable-ad-account' }),
    fc.record({ action: fc.constant('add-pages'), count: fc.integer({ min: 1, max: 100 }) }),
    fc.record({ action: fc.constant('access-tier'), tier: fc.constantFrom('limited', 'full') }),
    fc.record({ action: fc.constant('business-admin'), admin: fc.boolean() }),
    fc.record({ action: fc.constant('system-user-allowance'), level: fc.constantFrom('development', 'basic', 'standard', 'tier') }),
    fc.record({ action: fc.constant('limit-approval'), on: fc.boolean() }),
  ),
  startSystemUser: empty,
  mintSystemUser: fc.record(
    { businessId: digits(32), systemUserId: digits(32), expiresIn60Days: fc.boolean(), name, usedIn },
    { requiredKeys: ['businessId', 'systemUserId', 'expiresIn60Days'] },
  ),
  rotateToken: fc.record({ id, revokeFirst: fc.boolean() }, { requiredKeys: ['id'] }),
  setUsedIn: fc.record({ id, usedIn }),
  checkApp: empty,
  whyMissing: fc.record({
    kind: fc.constantFrom('page', 'ad-account'),
    query: fc.string({ minLength: 1, maxLength: 300 }).filter((s) => s.trim().length > 0 && s.trim().length <= 300),
  }),
  addMissingPage: fc.record({ pageId: digits(32) }),
  getDiagnostics: empty,
  copyDiagnostics: empty,
  openLogsFolder: empty,
  unlockVault: fc.record({ passphrase: passphrase(1) }),
  addVaultPassphrase: fc.record({ passphrase: passphrase(8) }),
  addDestination: fc.record({ id, destination }),
  removeDestination: fc.record({ id, destinationId: id }),
  deliverNow: fc.record({ id, destinationId: id }, { requiredKeys: ['id'] }),
  sendTestAlert: empty,
  clearPracticeTokens: empty,
}

/** Every key a method's input may hold, so mutations can aim at them. */
const KEYS: { [M in Method]: string[] } = {
  getState: [],
  startPractice: ['app'],
  configureApp: ['appId', 'appSecret', 'redirectUri', 'apiVersion', 'configId'],
  setLoginConfigs: ['all', 'ads', 'pages', 'systemUser'],
  choosePurpose: ['purpose', 'scopes'],
  login: ['authType', 'addScopes', 'switchUser', 'configuration', 'purpose'],
  pasteToken: ['token', 'name'],
  extendToken: [],
  savePages: ['pageIds', 'saveUserToken', 'name'],
  resetWizard: ['askPurpose'],
  checkNow: ['id'],
  removeToken: ['id', 'revoke', 'permission'],
  renameToken: ['id', 'name'],
  copyToken: ['id'],
  copySnippet: ['id', 'format'],
  copyInPage: ['what', 'id', 'format'],
  reauthorize: ['id'],
  refreshAccess: [],
  updateSettings: ['reminderDays', 'dataAccessReminderDays', 'checkIntervalHours', 'startAtLogin', 'allowWeakSecretStorage', 'alertCommand'],
  signOutFacebook: [],
  deleteEverything: ['confirm'],
  dismissNotice: ['id'],
  practice: ['action', 'days', 'pageId', 'on', 'what', 'count', 'tier', 'admin', 'level'],
  startSystemUser: [],
  mintSystemUser: ['businessId', 'systemUserId', 'expiresIn60Days', 'name', 'usedIn'],
  rotateToken: ['id', 'revokeFirst'],
  setUsedIn: ['id', 'usedIn'],
  checkApp: [],
  whyMissing: ['kind', 'query'],
  addMissingPage: ['pageId'],
  getDiagnostics: [],
  copyDiagnostics: [],
  openLogsFolder: [],
  unlockVault: ['passphrase'],
  addVaultPassphrase: ['passphrase'],
  addDestination: ['id', 'destination'],
  removeDestination: ['id', 'destinationId'],
  deliverNow: ['id', 'destinationId'],
  sendTestAlert: [],
  clearPracticeTokens: [],
}

/** Nested `depth` levels deep, arrays or objects. */
const deep = fc.record({ depth: fc.integer({ min: 50, max: 4000 }), asArray: fc.boolean() }).map(({ depth, asArray }) => {
  let v: unknown = 'bottom'
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v }
  return v
})

/** Up to 1 MiB of one character, a token-looking prefix, or unicode repeated. */
const huge = fc
  .record({ size: fc.integer({ min: 4097, max: 1 << 20 }), unit: fc.constantFrom('A', 'é', '𝄞', ' ', '\u0000', 'EAAB') })
  .map(({ size, unit }) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size))

const unicode = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u202e123', '١٢٣', '１２３', 'ᅟ', '\ufeff1', 'DELETE\u0000', 'delete', 'ＤＥＬＥＴＥ', 'v1.0\n', ' 123 ', '\u00a0'),
)

const numbers = fc.oneof(
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 0, 1.5, -1, 2 ** 53, Number.MAX_VALUE, Number.MIN_VALUE),
  fc.double(),
  fc.integer({ min: -1e6, max: 1e6 }),
)

/** A payload whose prototype-named key holds an object, as JSON.parse builds one. */
const protoPolluter = fc.record({ key: fc.constantFrom(...PROTO_KEYS), field: fc.constantFrom('polluted', 'isAdmin', 'toString', 'ok') }).map(({ key, field }) =>
  withKey({}, key, { [field]: 'yes', prototype: { polluted: 'yes' } }),
)

/** Any value where a specific one was expected: JSON-safe, plus NaN/Infinity/-0/undefined. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: unicode },
  { weight: 2, arbitrary: numbers },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, true, false, [], {}, '', [[]], [{}]) },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: huge },
  { weight: 1, arbitrary: protoPolluter },
)

/** [1, <hole>, 3]: an array with a missing index, as a structured clone keeps it. */
function sparse(): unknown[] {
  const holes: unknown[] = [1]
  holes[2] = 3
  return holes
}

/** Values only a structured clone (IPC) can carry. */
export const cloneOnly: fc.Arbitrary<unknown> = fc.oneof(
  fc.bigInt(),
  fc.date({ noInvalidDate: false }),
  fc.constantFrom(new Map([['id', 'x']]), new Set(['x']), new Uint8Array([1, 2]), /id/g, new Error('boom'), sparse()),
)

type Mutation = (valid: Record<string, unknown>, keys: string[]) => fc.Arbitrary<unknown>

const MUTATIONS: Mutation[] = [
  // The whole payload replaced.
  () => junk,
  // One known key given a wrong value.
  (valid, keys) =>
    keys.length === 0 ? junk : fc.record({ key: fc.constantFrom(...keys), value: junk }).map(({ key, value }) => withKey({ ...valid }, key, value)),
  // A required key taken away (or nothing, for optional-only inputs: filtered out later if valid).
  (valid) => fc.constantFrom(...Object.keys(valid), 'none').map((key) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key))),
  // An extra key, often a prototype-named one.
  (valid) =>
    fc
      .record({ key: fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ unit: 'binary', minLength: 1, maxLength: 30 })), value: junk })
      .map(({ key, value }) => withKey({ ...valid }, key, value)),
  // Prototype pollution attempts beside valid keys.
  (valid) => protoPolluter.map((p) => Object.assign(Object.create(null) as object, valid, p)),
  // Arrays where the object goes, or the object wrapped in more structure.
  (valid) => fc.constantFrom([valid], [[valid]], Object.values(valid), { input: valid }, [], Object.entries(valid)),
  // A huge string or deep nesting in a field.
  (valid, keys) =>
    fc
      .record({ key: fc.constantFrom(...(keys.length ? keys : ['id'])), value: fc.oneof(huge, deep) })
      .map(({ key, value }) => withKey({ ...valid }, key, value)),
]

/** A payload built to break the method's rules. The caller still asks the schema, as an oracle. */
export function hostile(method: Method, extra: fc.Arbitrary<unknown> | null = null): fc.Arbitrary<unknown> {
  const valid = VALID[method]
  const keys = KEYS[method]
  const broken = valid.chain((v) => fc.oneof(...MUTATIONS.map((m) => m(v, keys))))
  return extra ? fc.oneof({ weight: 6, arbitrary: broken }, { weight: 1, arbitrary: extra }) : broken
}

/** Every string of length >= 12 anywhere in a value (keys excluded): what a reply must not echo. */
export function longStrings(value: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 20) return out
  if (typeof value === 'string') {
    if (value.length >= 12) out.push(value.slice(0, 64))
  } else if (Array.isArray(value)) {
    for (const v of value) longStrings(v, out, depth + 1)
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) longStrings(v, out, depth + 1)
  }
  return out
}
