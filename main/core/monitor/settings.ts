import { HOUR } from './durations'
import type { MonitorSettings } from './types'

export const DEFAULT_MONITOR_SETTINGS: MonitorSettings = {
  reminderDays: [14, 7, 3, 1],
  dataAccessReminderDays: [14, 3],
  checkIntervalHours: 6,
}

const MIN_INTERVAL_HOURS = 1
const MAX_INTERVAL_HOURS = 168

export interface NormalizedSettings {
  /** Most urgent first (ascending), positive, without duplicates. */
  reminderDays: number[]
  dataAccessReminderDays: number[]
  intervalMs: number
}

function cleanDays(days: readonly number[]): number[] {
  return [...new Set(days.filter((d) => Number.isFinite(d) && d > 0))].sort((a, b) => a - b)
}

/**
 * Settings come from a file the user may have edited; a nonsense value must not stop the
 * monitor or make it poll in a loop, so each value is bounded here once.
 */
export function normalizeSettings(settings: MonitorSettings): NormalizedSettings {
  const hours = Number.isFinite(settings.checkIntervalHours)
    ? Math.min(MAX_INTERVAL_HOURS, Math.max(MIN_INTERVAL_HOURS, settings.checkIntervalHours))
    : DEFAULT_MONITOR_SETTINGS.checkIntervalHours
  return {
    reminderDays: cleanDays(settings.reminderDays),
    dataAccessReminderDays: cleanDays(settings.dataAccessReminderDays),
    intervalMs: hours * HOUR,
  }
}
