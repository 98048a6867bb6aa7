/**
 * The words for a Facebook Login for Business configuration (login-for-business.md §2), beside
 * the contract so the core (the doctor, the grant read-back) and the renderer (the start form,
 * Settings) say the same.
 */

/** Where the person finds a Configuration ID, in the App Dashboard's words. */
export const CONFIG_WHERE = 'App Dashboard > your app > Facebook Login for Business > Configurations: the Configuration ID of each configuration'

/** Why Token Desk asks for one, in one line. */
export const CONFIG_WHY =
  'Apps made for the Marketing API today use Facebook Login for Business: their login asks for a configuration instead of a list of permissions, and without one Facebook refuses it.'
