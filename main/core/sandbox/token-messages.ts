/**
 * The 190 messages real captures show (graph-api.md §5.2, §7.2). 492 has no capture: its text
 * is ours.
 */

// Made on first use: an Intl formatter loads ICU's time-zone data (about 8 MB of resident
// memory), which a process that never meets an expired practice token should not pay for.
let pacific: Intl.DateTimeFormat | null = null
const pacificFormat = (): Intl.DateTimeFormat =>
  (pacific ??= new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  weekday: 'long',
  day: '2-digit',
  month: 'short',
  year: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
  }))

/** "Wednesday, 16-Nov-22 07:45:51 PST", the format of the real 463 message. */
export function facebookTime(ms: number): string {
  const parts: Record<string, string> = {}
  for (const part of pacificFormat().formatToParts(new Date(ms))) parts[part.type] = part.value
  return `${parts.weekday}, ${parts.day}-${parts.month}-${parts.year} ${parts.hour}:${parts.minute}:${parts.second} ${parts.timeZoneName}`
}

export function deathMessage(subcode: number, ctx: { appId: string; userId: string | null; expiresAtMs: number; nowMs: number }): string {
  const prefix = 'Error validating access token: '
  switch (subcode) {
    case 458:
      return `${prefix}The user has not authorized application ${ctx.appId}.`
    case 459:
      return `${prefix}You cannot access the app till you log in to www.facebook.com and follow the instructions given.`
    case 460:
      return `${prefix}The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.`
    case 463:
      return `${prefix}Session has expired on ${facebookTime(ctx.expiresAtMs)}. The current time is ${facebookTime(ctx.nowMs)}.`
    case 464:
      return `${prefix}Sessions for the user ${ctx.userId ?? ''} are not allowed because the user is not a confirmed user.`
    case 466:
      return `${prefix}The session was invalidated explicitly using an API call.`
    case 467:
      return `${prefix}The session is invalid because the user logged out.`
    case 492:
      return `${prefix}The user does not have a role on the Page this token was issued for.`
    default:
      return 'Invalid OAuth access token.'
  }
}

/**
 * `error_user_title` / `error_user_msg` of a dead token. Meta's error-handling page shows both on a
 * 190/460 but publishes no texts, and real captures often lack them: these words are ours, and
 * behaviour.userMessagesOnTokenErrors switches them off.
 */
const USER_MESSAGES: Record<number, [string, string]> = {
  458: ['App not authorised', 'You removed this app from your Facebook account. Log in again to use it.'],
  459: ['Action needed on Facebook', 'Log in to www.facebook.com and follow the instructions there, then try again.'],
  460: ['Session expired', 'Your password changed or Facebook reset your session for security. Log in again.'],
  463: ['Session expired', 'Your session has expired. Log in again.'],
  464: ['Account not confirmed', 'Confirm your account on www.facebook.com, then try again.'],
  466: ['Access removed', "This app's access to your account was removed. Log in again."],
  467: ['Logged out', 'You logged out of Facebook. Log in again.'],
  492: ['No role on this Page', 'You no longer have a role on this Page. Ask a Page admin for one, then get a new Page token.'],
}

export function deathUserMessage(subcode: number): { userTitle: string; userMsg: string } | undefined {
  const pair = USER_MESSAGES[subcode]
  return pair && { userTitle: pair[0], userMsg: pair[1] }
}

export const DEATH_SUBCODES = [458, 459, 460, 463, 464, 466, 467, 492] as const

export const CANNOT_PARSE = 'Invalid OAuth access token - Cannot parse access token'
export const BAD_SIGNATURE = 'Invalid OAuth access token signature.'
export const NO_APP_INFO = 'Error validating application. Cannot get application info due to a system error.'
