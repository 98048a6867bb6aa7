import { timingSafeEqual } from 'node:crypto'
import type { SandboxContext } from './context'
import type { Reply } from './errors'
import { snapshot } from './tokens'
import type { AdAccountSpec, AppRole, FaultSpec, IssueTokenSpec, LoginConfigurationSpec, PageSpec, SandboxControls } from './types'

export interface ControlDeps {
  ctx: SandboxContext
  controls: SandboxControls
  issueToken(spec: IssueTokenSpec): string
  describe(): Record<string, unknown>
  /** The `stop` action: the process that started the sandbox closes it (the CLI then exits). */
  requestStop?(): void
}

const json = (status: number, value: unknown): Reply => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify(value),
})
const fail = (status: number, message: string): Reply => json(status, { error: { message } })

function keyMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}

type Args = Record<string, unknown>
const str = (args: Args, key: string): string => {
  const v = args[key]
  if (typeof v !== 'string' || v === '') throw new Error(`${key} is a non-empty string.`)
  return v
}
const optStr = (args: Args, key: string): string | undefined => (args[key] === undefined ? undefined : str(args, key))
const num = (args: Args, key: string): number => {
  const v = args[key]
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${key} is a finite number.`)
  return v
}

/** JSON cannot say Infinity: a fault over HTTP uses `"times": "always"` for that. */
function faultOf(args: Args): FaultSpec {
  const times = args.times === 'always' ? Infinity : args.times
  return { ...args, times } as FaultSpec
}

function run(deps: ControlDeps, action: string, args: Args): unknown {
  const { controls: c, ctx } = deps
  switch (action) {
    case 'changePassword': return c.changePassword(str(args, 'userId'))
    case 'removeApp': return c.removeApp(str(args, 'userId'), optStr(args, 'appId'))
    case 'logout': return c.logout(str(args, 'userId'))
    case 'checkpoint': return c.checkpoint(str(args, 'userId'))
    case 'unconfirm': return c.unconfirm(str(args, 'userId'))
    case 'removePageRole': return c.removePageRole(str(args, 'userId'), str(args, 'pageId'))
    case 'addPages': return { pageIds: c.addPages(str(args, 'userId'), num(args, 'count')) }
    case 'revokePermission': return c.revokePermission(str(args, 'userId'), optStr(args, 'permission'))
    case 'invalidateToken': return c.invalidateToken(str(args, 'token'), num(args, 'subcode'))
    case 'setApp': return c.setApp(str(args, 'appId'), args)
    case 'createApp': return c.createApp(args)
    case 'injectFault': return { id: c.injectFault(faultOf(args)) }
    case 'clearFaults': return c.clearFaults()
    case 'setLatency': return c.setLatency(num(args, 'ms'))
    case 'setAccessTier': return c.setAccessTier(str(args, 'tier') as 'development_access')
    case 'setUsage': return c.setUsage(args)
    case 'setEmptyPage': return c.setEmptyPage(str(args, 'edge') as 'accounts', num(args, 'pageIndex'))
    case 'clearEmptyPages': return c.clearEmptyPages()
    case 'setBehaviour': return c.setBehaviour(args)
    case 'setAppRole': return c.setAppRole(str(args, 'appId'), str(args, 'userId'), args.role === null ? null : (str(args, 'role') as AppRole))
    case 'resetAppSecret': return { secret: c.resetAppSecret(str(args, 'appId')) }
    case 'blockEmbeddedLogin': return c.blockEmbeddedLogin(args.on as boolean)
    case 'createPerson': return c.createPerson(str(args, 'name'))
    case 'setLoginUser': return c.setLoginUser(str(args, 'userId'))
    case 'createBusiness': return c.createBusiness(args as unknown as { name: string; admins?: string[] })
    case 'addPage': return c.addPage(args as unknown as PageSpec)
    case 'addAdAccount': return c.addAdAccount(args as unknown as AdAccountSpec)
    case 'setAdAccountStatus': return c.setAdAccountStatus(str(args, 'accountId'), num(args, 'status'), args.disableReason === undefined ? undefined : num(args, 'disableReason'))
    case 'setBusinessRole': return c.setBusinessRole(str(args, 'businessId'), str(args, 'personId'), args.role === null ? null : (str(args, 'role') as 'ADMIN'))
    case 'addSystemUser': return c.addSystemUser(str(args, 'businessId'), { ...(optStr(args, 'name') ? { name: optStr(args, 'name') } : {}), ...(optStr(args, 'role') ? { role: optStr(args, 'role') as 'ADMIN' } : {}) })
    case 'setSystemUserLevel': return c.setSystemUserLevel(args.level === null ? null : (str(args, 'level') as 'basic'))
    case 'setApprovedPermissions': return c.setApprovedPermissions(str(args, 'appId'), args.permissions === null ? null : (args.permissions as string[]))
    case 'setAppInstalled': return c.setAppInstalled(str(args, 'systemUserId'), args.installed === true, optStr(args, 'appId'))
    case 'createLoginConfiguration': return c.createLoginConfiguration(args as unknown as LoginConfigurationSpec)
    case 'removeConnectedApp': return c.removeConnectedApp(str(args, 'businessId'), optStr(args, 'appId'))
    case 'removeIntegrationAsset': return c.removeIntegrationAsset(str(args, 'businessId'), str(args, 'assetId'), optStr(args, 'appId'))
    case 'advanceClock': return ctx.clock.advance(num(args, 'ms'))
    case 'setClock': return ctx.clock.set(num(args, 'ms'))
    case 'issueToken': return { token: deps.issueToken(args as unknown as IssueTokenSpec) }
    case 'tokenInfo': {
      const record = ctx.state.tokens.get(str(args, 'token'))
      return record ? snapshot(ctx, record) : null
    }
    case 'info': return deps.describe()
    case 'stop': return deps.requestStop?.()
    default: throw new UnknownAction()
  }
}

class UnknownAction extends Error {}

/** POST {graphUrl}/__sandbox/{action}, JSON body, header `x-sandbox-key`. */
export function handleControl(deps: ControlDeps, method: string, action: string, key: string | undefined, body: string): Reply {
  if (!keyMatches(deps.ctx.controlKey, key)) return fail(403, 'The sandbox control API needs the x-sandbox-key header.')
  if (method !== 'POST') return fail(405, 'The sandbox control API takes POST.')
  let args: unknown = {}
  if (body.trim() !== '') {
    try {
      args = JSON.parse(body)
    } catch {
      return fail(400, 'The body is not JSON.')
    }
  }
  if (args === null || typeof args !== 'object' || Array.isArray(args)) return fail(400, 'The body is a JSON object.')
  try {
    const result = run(deps, action, args as Args)
    return json(200, { ok: true, result: result ?? null })
  } catch (err) {
    if (err instanceof UnknownAction) return fail(404, `Unknown sandbox action ${action}.`)
    return fail(400, err instanceof Error ? err.message : 'The action failed.')
  }
}
