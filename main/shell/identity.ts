/** Must equal `appId` in electron-builder.yml: Windows ties notifications and shortcuts to it. */
export const APP_USER_MODEL_ID = 'dev.tokendesk.app'
