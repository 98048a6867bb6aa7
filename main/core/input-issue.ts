import type { z } from 'zod/mini'
import { redactText } from './redact'

/**
 * The first problem with a bridge call's input, in words a person can act on: the same for the
 * desktop's IPC and the web host's HTTP bridge, which refuse the same contract.
 */
export function describeIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'The input is not valid.'
  const where = issue.path.map(String).join('.')
  return redactText(where ? `${where}: ${issue.message}` : issue.message)
}
