export { revokeEffect } from '../../../preload/revoke-effect'
export { RevokeError, revokeAtFacebook, revokeScopeOf, type RevokeDeps, type RevokeOutcome, type RevokeScope, type RevokeTarget } from './revoke'
export { recordVerdicts, revokeStored, sameIdentityIds, type StoredRevoke } from './stored'
