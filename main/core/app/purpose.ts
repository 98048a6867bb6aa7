import type { Purpose } from '../../../preload/api'
import type { AppContext } from './context'

/** The purpose the wizard is working for, if it has one yet. */
export function purposeOf(ctx: AppContext): Purpose | null {
  const w = ctx.wizard
  return 'purpose' in w ? w.purpose : null
}

/**
 * The purpose the person means: the wizard's, else the one chosen last, else managing ads. The
 * doctor checks the permissions of this one, not always those of managing ads.
 */
export const chosenPurpose = (ctx: AppContext): Purpose => purposeOf(ctx) ?? ctx.settings.getApp().purpose ?? 'manage-ads'
