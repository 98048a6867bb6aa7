import type { AppState, Input } from '../../../preload/api'
import { configsOf, mergeConfigs } from '../tokens/configurations'
import type { AppContext } from './context'
import { AppError } from './errors'
import { buildState } from './state'
import { connectStep } from './wizard'

/** Settings > Your Meta app: the Facebook Login for Business configurations, kept per app. */
export function setLoginConfigs(ctx: AppContext, input: Input<'setLoginConfigs'>): AppState {
  const app = ctx.settings.getApp()
  if (app.mode === 'none' || !app.appId) throw new AppError('not-allowed', 'Set up your Meta app first, or choose practice mode.')
  ctx.settings.setApp({ loginConfigs: mergeConfigs(configsOf(app), input) })
  // What the doctor and the Connect step said was for the old configurations.
  ctx.doctor = null
  ctx.dialogPage = null
  if (ctx.wizard.step === 'connect') ctx.wizard = connectStep(ctx, ctx.wizard.purpose, ctx.wizard.scopes)
  return buildState(ctx)
}
