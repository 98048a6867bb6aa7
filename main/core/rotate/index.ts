export { renewPageTokens } from './pages'
export { RotateError, rotateToken, type Replacement, type RotationPorts, type RotationResult } from './rotate'
export { replacementProblem } from './verify'
