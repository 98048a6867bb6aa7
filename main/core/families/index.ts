/**
 * Tokens as families, problems grouped by cause, and the summary: pure functions over the
 * contract's TokenSummary, with no Node, Electron or React. The app state, the tray, the
 * notifications, the CLI and the renderer all use these, so they group the same way.
 */
export { groupFamilies, sortFamilies, nearestDeadline, familyFix, ORPHANS_NAME, type FamilySort } from './group'
export { groupProblems, causeKey, type ProblemGroup } from './problems'
export { summarize, summaryLine } from './summary'
export { isStopped, needsAttention, worstStatus, URGENCY } from './status'
export { causeHeadline, clockHeadline, fixSentence, whichTokens } from './words'
export { daysLeft, inDaysWords } from './days'
export type * from './types'
