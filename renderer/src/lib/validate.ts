import type { ZodMiniType } from 'zod/mini'

/**
 * Runs the contract's own schema and reports, per field, the plain words given here; the schema's
 * wording is kept only for fields without one.
 */
export function fieldErrors(
  schema: ZodMiniType,
  value: unknown,
  words: Record<string, string> = {},
): Record<string, string> {
  const result = schema.safeParse(value)
  if (result.success) return {}
  const errors: Record<string, string> = {}
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '')
    errors[key] ??= words[key] ?? issue.message
  }
  return errors
}
