import { dirname } from 'node:path'
import type { DiagnosticsPorts } from '../core/app/diagnostics'
import type { FileLog } from '../core/logging/file-log'
import { describeEnvProxy, type Env } from '../core/net/env-fetch'

/** The web host's side of diagnostics: its --log-file, if any, and the proxy variables. */
export function webHostDiagnostics(logFile: FileLog | null, env: Env): DiagnosticsPorts {
  return {
    host: 'web host (token-desk serve)',
    logFiles: () => logFile?.files() ?? [],
    logsFolder: logFile ? dirname(logFile.path) : null,
    details: () => ({ network: `Node fetch; proxy: ${describeEnvProxy(env)}`, log: logFile ? `standard error and ${logFile.path}` : 'standard error only (no --log-file)' }),
  }
}
