/**
 * The contract's method names and channels, without their schemas, so the sandboxed preload
 * carries no validation library: validation happens in main (and the web host), where it counts.
 * preload/api.ts checks at compile time that its schema table has exactly these keys.
 */
export const METHODS = [
  'getState',
  'startPractice',
  'configureApp',
  'choosePurpose',
  'login',
  'pasteToken',
  'extendToken',
  'savePages',
  'resetWizard',
  'checkNow',
  'removeToken',
  'renameToken',
  'copyToken',
  'copySnippet',
  'copyInPage',
  'reauthorize',
  'refreshAccess',
  'updateSettings',
  'signOutFacebook',
  'deleteEverything',
  'dismissNotice',
  'practice',
  'startSystemUser',
  'mintSystemUser',
  'rotateToken',
  'setUsedIn',
  'setLoginConfigs',
  'checkApp',
  'whyMissing',
  'addMissingPage',
  'getDiagnostics',
  'copyDiagnostics',
  'openLogsFolder',
  'unlockVault',
  'addVaultPassphrase',
  'addDestination',
  'removeDestination',
  'deliverNow',
  'sendTestAlert',
  'clearPracticeTokens',
] as const

export type Method = (typeof METHODS)[number]

/** The IPC channel for a method. Only the preload and main/shell/ipc.ts use it. */
export const channelOf = (method: Method): string => `token-desk:${method}`
export const STATE_CHANNEL = 'token-desk:state'
