/** `account_status` and `disable_reason` in words (graph-api-doctor.md §2.5). Unknown numbers are shown raw. */

export const ACCOUNT_STATUS_WORDS: Record<number, string> = {
  1: 'Active',
  2: 'Disabled',
  3: 'Unsettled (a payment is due)',
  7: 'Pending risk review',
  8: 'Pending settlement',
  9: 'In grace period',
  100: 'Pending closure',
  101: 'Closed',
  201: 'Active (any)',
  202: 'Closed (any)',
}

export const DISABLE_REASON_WORDS: Record<number, string> = {
  1: 'ads integrity policy',
  2: 'ads intellectual-property review',
  3: 'payment risk',
  4: 'account shut down as a grey account',
  5: 'ads AFC review',
  6: 'business integrity review',
  7: 'closed for good',
  8: 'unused reseller account',
  9: 'unused account',
  10: 'umbrella ad account',
  11: 'Business Manager integrity policy',
  12: 'misrepresented ad account',
  13: 'legal entity no longer shared',
  14: 'thread review',
  15: 'compromised ad account',
}

/** What to do for each status that stops or threatens ads (§2.5). */
export const ACCOUNT_STATUS_FIX: Record<number, string> = {
  2: 'Open Account Quality (business.facebook.com/accountquality), read why it was disabled and request a review.',
  3: 'Pay the outstanding balance in Ads Manager > Billing and payments; ads run again once it is settled.',
  7: 'Wait for Meta’s review to finish; Account Quality shows its progress.',
  8: 'Nothing to do: a payment is being processed and ads can still run.',
  9: 'Fix the payment method in Ads Manager > Billing and payments before the grace period ends.',
  100: 'The account is being closed; cancel the closure in Ads Manager > Account settings if you still need it.',
  101: 'A closed account cannot run ads. Reopen it in Ads Manager > Account settings if Meta offers that, or use another account.',
}

/** "The ad can be running or in review only if the ad account status is 1, 8 or 9" (§2.5). */
export const canRun = (status: number | null): boolean => status === 1 || status === 8 || status === 9 || status === 201

export function statusWords(status: number | null, disableReason: number | null): string {
  if (status === null) return 'Status not given'
  const words = ACCOUNT_STATUS_WORDS[status] ?? `Status ${status}`
  if (disableReason === null || disableReason === 0) return words
  return `${words}: ${DISABLE_REASON_WORDS[disableReason] ?? `reason ${disableReason}`}`
}
