import type { Input, PracticeSwitches } from '../../../preload/api'
import type { AppContext } from './context'

/**
 * What the practice controls have switched on in the simulated Facebook, so each switch can show
 * its state. Kept per app core beside the sandbox: a new sandbox starts with every switch off.
 */
const switches = new WeakMap<AppContext, PracticeSwitches>()

const OFF: PracticeSwitches = { busy: false, limitedAccess: false, employee: false, smallAllowance: false, approvalLimited: false, broken: [] }

export function practiceSwitches(ctx: AppContext): PracticeSwitches | null {
  if (!ctx.sandbox) return null
  return switches.get(ctx) ?? OFF
}

/** Called after a practice action has changed the sandbox. */
export function notePracticeSwitch(ctx: AppContext, input: Input<'practice'>): void {
  const now = { ...(practiceSwitches(ctx) ?? OFF) }
  switch (input.action) {
    case 'throttle':
      now.busy = input.on
      break
    case 'access-tier':
      now.limitedAccess = input.tier === 'limited'
      break
    case 'business-admin':
      now.employee = !input.admin
      break
    case 'system-user-allowance':
      now.smallAllowance = input.level !== 'tier'
      break
    case 'limit-approval':
      now.approvalLimited = input.on
      break
    case 'break-app':
      if (!now.broken.includes(input.what)) now.broken = [...now.broken, input.what]
      break
    case 'repair-app':
      now.broken = []
      break
    default:
      return
  }
  switches.set(ctx, now)
}

/** A new sandbox (practice started again) has every switch off. */
export const resetPracticeSwitches = (ctx: AppContext): void => void switches.delete(ctx)
