/**
 * The Graph API version Token Desk asks for when the user names none. One constant: the core's
 * Graph client, the CLI's help and the start form's placeholder all read it from here.
 * graph-api-doctor.md §3.1: v27.0, released 2026-11-04, is the newest version Meta announced.
 */
export const DEFAULT_API_VERSION = 'v27.0'
