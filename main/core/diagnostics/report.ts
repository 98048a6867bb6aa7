import { readFile } from 'node:fs/promises'
import { arch, release, version as osVersion } from 'node:os'
import { version as appVersion } from '../../../package.json'
import { redact, redactText } from '../redact'

/** How many of the newest log lines a report carries. */
export const DIAGNOSTIC_LOG_LINES = 200

/** Everything a bug report needs; each host gathers what it knows, the report says it the same way. */
export interface DiagnosticsFacts {
  /** 'desktop app', 'web host (token-desk serve)', 'command line'. */
  host: string
  generatedAt: Date
  /** Extra versions the host knows (Electron, Chrome). */
  versions?: Record<string, string>
  storage: { backend: string; protection: string; persisting?: boolean; note?: string | null }
  /** Settings and app configuration: never secrets (and redacted again anyway). */
  settings: Record<string, unknown>
  /** Other lines, such as the proxy, updates, start at login, tray. */
  details?: Record<string, string>
  logLines: readonly string[]
  /** Where the log lines came from, for the reader. */
  logSources: readonly string[]
}

export interface DiagnosticsReport {
  text: string
  data: Record<string, unknown>
}

function runtimeVersions(): Record<string, string> {
  const out: Record<string, string> = { 'Token Desk': appVersion, Node: process.versions.node }
  const electron = (process.versions as Record<string, string | undefined>).electron
  const chrome = (process.versions as Record<string, string | undefined>).chrome
  if (electron) out.Electron = electron
  if (chrome) out.Chrome = chrome
  return out
}

function osFacts(): Record<string, string> {
  let described = ''
  try {
    described = osVersion()
  } catch {
    // Older kernels and some sandboxes refuse uname details.
  }
  return { platform: process.platform, release: release(), arch: arch(), ...(described ? { version: described } : {}) }
}

const line = (key: string, value: unknown): string => `  ${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`

/** The report, as JSON and as the text a user pastes into a bug report; both redacted. */
export function buildDiagnostics(facts: DiagnosticsFacts): DiagnosticsReport {
  const versions = { ...runtimeVersions(), ...facts.versions }
  const os = osFacts()
  const settings = redact(facts.settings) as Record<string, unknown>
  const details = redact(facts.details ?? {}) as Record<string, string>
  const storage = redact(facts.storage) as Record<string, unknown>
  const logLines = facts.logLines.slice(-DIAGNOSTIC_LOG_LINES).map(redactText)
  const data = {
    generatedAt: facts.generatedAt.toISOString(),
    host: facts.host,
    versions,
    os,
    storage,
    settings,
    details,
    log: { sources: facts.logSources.map(redactText), lines: logLines },
  }
  const text = [
    `Token Desk diagnostics (${facts.host}), ${data.generatedAt}`,
    'No token, secret or code is included: everything below passed the redactor.',
    '',
    'Versions:',
    ...Object.entries(versions).map(([k, v]) => line(k, v)),
    'System:',
    ...Object.entries(os).map(([k, v]) => line(k, v)),
    'Secret storage:',
    ...Object.entries(storage).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => line(k, v)),
    'Settings:',
    ...Object.entries(settings).map(([k, v]) => line(k, v)),
    ...(Object.keys(details).length > 0 ? ['Details:', ...Object.entries(details).map(([k, v]) => line(k, v))] : []),
    `Last ${logLines.length} log lines (${facts.logSources.length > 0 ? data.log.sources.join(', ') : 'no log file'}):`,
    ...logLines.map((l) => `  ${l}`),
    '',
  ].join('\n')
  return { text: redactText(text), data }
}

/** The newest `count` lines of the given files, oldest file first; unreadable files are skipped. */
export async function tailLogLines(files: readonly string[], count = DIAGNOSTIC_LOG_LINES): Promise<string[]> {
  const lines: string[] = []
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch(() => '')
    lines.push(...text.split(/\r?\n/).filter((l) => l.length > 0))
  }
  return lines.slice(-count)
}
