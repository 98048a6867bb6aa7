import type { AppState, BusinessChoice, Input, Purpose, SystemUserAllowanceInfo } from '../../../preload/api'
import type { GraphClient } from '../graph'
import { registerSecret } from '../redact'
import { notAdmin } from '../system-users/errors'
import {
  allowanceFor,
  allowanceWords,
  checkCaller,
  CREATE_SYSTEM_USER_STEPS,
  findSystemUser,
  GENERATE_TOKEN_STEPS,
  holdingWords,
  listDirectory,
  mintAndStore,
  mintScopes,
  renewalRequest,
} from '../system-users'
import type { SystemUserRef } from '../tokens/record'
import { PURPOSE_SCOPES } from '../tokens/scopes'
import type { AppContext } from './context'
import { AppError } from './errors'
import { signIn } from './sign-in'
import { buildState, liveMeta } from './state'
import { needGraph } from './graph-factory'
import { purposeOf, working } from './wizard'

/** Minting needs business_management on the admin's login; the token gets the purpose's scopes. */
const ADMIN_SCOPES = ['business_management']
const WAITING_FOR_ADMIN = 'Waiting for you to log in to Facebook as an admin of the business…'

/** The live tier: from headers already seen, else one ad-account listing to read them. */
async function liveTier(ctx: AppContext, graph: GraphClient, caller: string, scopes: readonly string[]) {
  const seen = graph.usage()?.tier ?? ctx.access?.liveTier ?? null
  if (seen || !scopes.some((s) => s === 'ads_read' || s === 'ads_management')) return seen
  try {
    await graph.adAccounts(caller)
  } catch (error) {
    ctx.log.info('could not read the access tier', { error })
  }
  return graph.usage()?.tier ?? null
}

function allowanceInfo(tier: Parameters<typeof allowanceFor>[0]): SystemUserAllowanceInfo {
  const a = allowanceFor(tier)
  return { tierName: a.todayName, levelTitle: a.levelTitle, regular: a.regular, admin: a.admin, apiMinting: a.apiMinting, words: allowanceWords(a) }
}

/** Lists the admin's businesses and their system users into the wizard's system-user step. */
async function showDirectory(ctx: AppContext, purpose: Purpose, scopes: string[], caller: string): Promise<void> {
  const graph = needGraph(ctx)
  working(ctx, purpose, 'Finding your businesses and their system users…')
  const info = await checkCaller(graph, ctx.settings.getApp().appId ?? '', caller)
  const me = await graph.me(caller, ['id', 'name']).catch(() => null)
  const entries = await listDirectory(graph, caller)
  const tier = await liveTier(ctx, graph, caller, info.scopes)
  const businesses: BusinessChoice[] = entries.map((e) => ({
    id: e.business.id,
    name: e.business.name,
    admin: e.admin,
    systemUsers: e.systemUsers.map((u) => ({ id: u.id, name: u.name, role: u.role })),
    note: e.admin ? holdingWords(e.systemUsers) : notAdmin(e.business.name).words,
  }))
  ctx.wizard = {
    step: 'system-users',
    purpose,
    scopes: mintScopes(scopes),
    adminName: typeof me?.name === 'string' ? me.name : null,
    businesses,
    allowance: allowanceInfo(tier),
    createSteps: [...CREATE_SYSTEM_USER_STEPS],
    tokenSteps: [...GENERATE_TOKEN_STEPS],
  }
}

/** From the Connect step: log in as a business admin, then list businesses and system users. */
export async function startSystemUser(ctx: AppContext): Promise<AppState> {
  needGraph(ctx)
  const w = ctx.wizard
  const purpose = purposeOf(ctx) ?? 'manage-ads'
  const scopes = w.step === 'connect' || w.step === 'system-users' ? w.scopes : [...PURPOSE_SCOPES[purpose]]
  working(ctx, purpose, WAITING_FOR_ADMIN)
  let caller: string
  try {
    caller = await signIn(ctx, [...scopes, ...ADMIN_SCOPES], { purpose })
  } catch (error) {
    if (error instanceof AppError && error.code === 'cancelled') {
      ctx.wizard = { step: 'connect', purpose, scopes }
      ctx.notice('info', error.message)
      return buildState(ctx)
    }
    throw error
  }
  registerSecret(caller)
  ctx.systemUserCaller = caller
  await showDirectory(ctx, purpose, scopes, caller)
  return buildState(ctx)
}

function originOf(businessId: string, systemUser: { id: string; name: string }): SystemUserRef {
  return { businessId, id: systemUser.id, name: systemUser.name }
}

/** The chosen system user: install the app, mint, verify with debug_token, then save and watch. */
export async function mintSystemUser(ctx: AppContext, input: Input<'mintSystemUser'>): Promise<AppState> {
  const graph = needGraph(ctx)
  const w = ctx.wizard
  const caller = ctx.systemUserCaller
  if (w.step !== 'system-users' || !caller) throw new AppError('not-allowed', 'Log in as an admin of the business first (Make a system-user token).')
  const business = w.businesses.find((b) => b.id === input.businessId)
  const systemUser = business?.systemUsers.find((u) => u.id === input.systemUserId)
  if (!business || !systemUser) throw new AppError('invalid-input', 'That system user is not in the list: choose one shown.')
  working(ctx, w.purpose, `Installing the app for ${systemUser.name}, making its token and checking it with Facebook…`)
  const name = input.name ?? `${systemUser.name} (system-user token)`
  const entry = await mintAndStore(
    { graph, vault: ctx.tokens, appId: ctx.settings.getApp().appId ?? '', now: () => ctx.clock.now() },
    { caller, systemUserId: systemUser.id, scopes: w.scopes, expiresIn60Days: input.expiresIn60Days },
    { name, purpose: w.purpose, origin: originOf(business.id, systemUser), ...(input.usedIn ? { usedIn: input.usedIn } : {}) },
  )
  ctx.forgetNotices(entry.id)
  ctx.wizard = { step: 'saved', purpose: w.purpose, saved: [entry.meta.name] }
  ctx.monitor.reschedule()
  return buildState(ctx)
}

/**
 * One-click renewal of a system-user token: a business admin logs in, Token Desk mints a new
 * token of the same kind and scopes for the same system user, checks it and stores it in place.
 * The old token is not revoked: it keeps working until its own expiry.
 */
export async function renewSystemUser(ctx: AppContext, id: string): Promise<AppState> {
  const graph = needGraph(ctx)
  const meta = liveMeta(ctx, id)
  if (!meta || meta.kind !== 'SYSTEM_USER' || meta.userId === null) throw new AppError('invalid-input', 'There is no such system-user token.')
  const purpose = meta.purpose ?? 'manage-ads'
  working(ctx, purpose, WAITING_FOR_ADMIN)
  const caller = await adminLogin(ctx)
  const origin = meta.systemUser ?? (await locate(graph, caller, meta.userId))
  working(ctx, purpose, `Making a new token for ${origin.name} and checking it with Facebook…`)
  const renewed = await mintAndStore(
    { graph, vault: ctx.tokens, appId: ctx.settings.getApp().appId ?? '', now: () => ctx.clock.now() },
    renewalRequest(caller, origin.id, meta),
    { name: meta.name, purpose: meta.purpose, origin, ...(meta.usedIn ? { usedIn: meta.usedIn } : {}) },
    id,
  )
  ctx.forgetNotices(id)
  ctx.wizard = { step: 'saved', purpose, saved: [renewed.meta.name] }
  ctx.notice('info', `Renewed ${renewed.meta.name}: a new token is stored. The old one was not revoked; it works until it expires.${meta.usedIn ? ` Update it in: ${meta.usedIn}.` : ''}`, id)
  ctx.monitor.reschedule()
  return buildState(ctx)
}

/** A business admin's login for minting, kept in memory for a revoke that needs it. */
export async function adminLogin(ctx: AppContext): Promise<string> {
  const caller = await signIn(ctx, ADMIN_SCOPES)
  registerSecret(caller)
  ctx.systemUserCaller = caller
  return caller
}

async function locate(graph: GraphClient, caller: string, systemUserId: string): Promise<SystemUserRef> {
  const found = await findSystemUser(graph, caller, systemUserId)
  return originOf(found.business.id, found.systemUser)
}

export { locate as locateSystemUser }
