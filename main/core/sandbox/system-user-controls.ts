import type { SandboxContext } from './context'
import { numericId } from './ids'
import { installKey, requireApp, requireBusiness, requirePerson, type BusinessRole } from './state'
import { PERMISSION_NAMES } from './system-users'
import type { SandboxControls } from './types'

type SystemUserControls = Pick<SandboxControls, 'setBusinessRole' | 'addSystemUser' | 'setSystemUserLevel' | 'setApprovedPermissions' | 'setAppInstalled'>

const LEVELS = new Set(['development', 'basic', 'standard'])

function role(value: unknown): BusinessRole {
  if (value !== 'ADMIN' && value !== 'EMPLOYEE') throw new Error('The role is ADMIN or EMPLOYEE.')
  return value
}

/** Practice controls for businesses and system users: roles, allowance, App Review approval, installs. */
export function systemUserControls(ctx: SandboxContext): SystemUserControls {
  const { state } = ctx
  return {
    setBusinessRole(businessId, personId, next) {
      const business = requireBusiness(state, businessId)
      requirePerson(state, personId)
      if (next === null) business.roles.delete(personId)
      else business.roles.set(personId, role(next))
    },
    addSystemUser(businessId, spec = {}) {
      const business = requireBusiness(state, businessId)
      const name = typeof spec.name === 'string' && spec.name.trim() !== '' ? spec.name.trim().slice(0, 100) : `Practice System User ${state.people.size + 1}`
      const id = numericId(15)
      state.people.set(id, { id, name, system: true })
      business.roles.set(id, role(spec.role ?? 'EMPLOYEE'))
      return { id }
    },
    setSystemUserLevel(level) {
      if (level !== null && !LEVELS.has(level)) throw new Error('The level is development, basic, standard or null (follow the tier).')
      state.systemUserLevel = level
    },
    setApprovedPermissions(appId, permissions) {
      const app = requireApp(state, appId)
      if (permissions === null) {
        app.approvedPermissions = null
        return
      }
      if (!Array.isArray(permissions) || permissions.some((p) => typeof p !== 'string' || !PERMISSION_NAMES.has(p))) {
        throw new Error('permissions is null or a list of permission names.')
      }
      app.approvedPermissions = new Set(permissions)
    },
    setAppInstalled(systemUserId, installed, appId = state.practiceAppId) {
      if (!requirePerson(state, systemUserId).system) throw new Error(`${systemUserId} is not a system user.`)
      requireApp(state, appId)
      const key = installKey(systemUserId, appId)
      if (installed) state.installations.add(key)
      else state.installations.delete(key)
    },
  }
}
