export { RevokeError, revokeAtFacebook, revokeEffect, revokeScopeOf, type RevokeDeps, type RevokeOutcome, type RevokeScope, type RevokeTarget } from './revoke'
export { recordVerdicts, revokeStored, sameIdentityIds, type StoredRevoke } from './stored'
