import type { DiagnosticsPorts } from '../core/app/diagnostics'
import { AppError } from '../core/app/errors'

export interface OpenPathShell {
  /** Electron's shell.openPath: '' on success, else the error text. */
  openPath(path: string): Promise<string>
}

export interface DesktopLogs {
  folder: string
  files(): string[]
}

/** The desktop app's side of diagnostics: its rotated log files, and the file manager. */
export function desktopDiagnostics(shell: OpenPathShell, logs: DesktopLogs | undefined, details: () => Record<string, string>): DiagnosticsPorts {
  return {
    host: 'desktop app',
    logFiles: () => logs?.files() ?? [],
    logsFolder: logs?.folder ?? null,
    ...(logs
      ? {
          openLogsFolder: async () => {
            const problem = await shell.openPath(logs.folder)
            if (problem) throw new AppError('failed', `The logs folder could not be opened (${problem}). It is ${logs.folder}.`)
          },
        }
      : {}),
    details: () => ({
      network: 'Electron net (Chromium: system proxy, PAC, OS certificates), from an in-memory session of its own',
      ...details(),
    }),
  }
}
