import { MANUAL_HOW, type InstallMode } from './state'

export interface InstallFacts {
  platform: NodeJS.Platform
  isPackaged: boolean
  /** $APPIMAGE: set when the app runs from an AppImage, the file electron-updater replaces. */
  appImage: string | null
  /** What electron-builder's fpm targets write to resources/package-type: 'deb', 'rpm', 'pacman'. */
  packageType: string | null
  /** macOS only: how the running app is signed (see macSigning). */
  macSigning: 'developer-id' | 'adhoc' | 'unsigned' | 'unknown' | null
  /** False when the build carries no update feed (no app-update.yml). */
  hasFeed: boolean
}

/**
 * Whether this copy can install an update by itself. electron-updater installs silently on
 * Windows (NSIS), from an AppImage, and on macOS only when Squirrel.Mac accepts the app's
 * signature; a deb or rpm needs a root password prompt (pkexec/sudo) and is treated as manual.
 */
export function installMode(facts: InstallFacts): InstallMode {
  if (!facts.isPackaged) return { kind: 'off', why: 'Updates are off in development builds.' }
  if (!facts.hasFeed) return { kind: 'off', why: 'This build has no update feed.' }
  if (facts.platform === 'win32') return { kind: 'silent' }
  if (facts.platform === 'darwin') return facts.macSigning === 'developer-id' ? { kind: 'silent' } : { kind: 'manual', how: MANUAL_HOW.unsigned }
  if (facts.appImage) return { kind: 'silent' }
  if (facts.packageType === 'deb') return { kind: 'manual', how: MANUAL_HOW.deb }
  if (facts.packageType === 'rpm' || facts.packageType === 'pacman') return { kind: 'manual', how: MANUAL_HOW.rpm }
  return { kind: 'manual', how: MANUAL_HOW.unpacked }
}

/**
 * Reads `codesign -dv --verbose=2` output (it writes to stderr). A Developer ID signature names
 * its authority; an ad-hoc one says "Signature=adhoc"; an unsigned bundle says "not signed".
 * The exact wording is taken from Apple's tool as commonly quoted, not confirmed on a machine
 * here: anything unrecognised is 'unknown', which is treated as unsigned.
 */
export function macSigning(codesignOutput: string): 'developer-id' | 'adhoc' | 'unsigned' | 'unknown' {
  if (/code object is not signed at all|not signed/i.test(codesignOutput)) return 'unsigned'
  if (/Signature=adhoc/i.test(codesignOutput)) return 'adhoc'
  if (/^Authority=Developer ID Application:/m.test(codesignOutput)) return 'developer-id'
  return 'unknown'
}

/** Errors Squirrel.Mac gives for an app whose signature it cannot check (wording not confirmed). */
export function isCannotInstallError(message: string): boolean {
  return /code signature|codesign|not signed|signature.*(invalid|verify|validation)|could not get code signature/i.test(message)
}
