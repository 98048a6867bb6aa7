export { startSandbox } from './server'
export { DEFAULT_BEHAVIOUR } from './options'
export { proofOf } from './proof'
export type * from './types'
