import type { CopyResult, Diagnostics, PageCopy } from '../../../preload/api'
import { buildDiagnostics, tailLogLines, type DiagnosticsReport } from '../diagnostics/report'
import type { AppContext } from './context'
import { AppError } from './errors'
import { settingsAsRegistered } from './start-at-login'
import { hostCopy } from './host-copy'

/** What only the host knows: its log files, and facts such as the proxy or the updater's state. */
export interface DiagnosticsPorts {
  /** 'desktop app', 'web host (token-desk serve)'. */
  host: string
  /** The log files to quote, oldest first. */
  logFiles(): string[]
  logsFolder: string | null
  /** Opens the folder in the file manager (desktop only). */
  openLogsFolder?(): Promise<void>
  versions?(): Record<string, string>
  details?(): Record<string, string>
}

/** Long enough to paste into a bug report; cleared only if the clipboard still holds it. */
export const DIAGNOSTICS_CLIPBOARD_MS = 60 * 60_000

export async function diagnosticsReport(ctx: AppContext): Promise<DiagnosticsReport> {
  const ports = ctx.deps.diagnostics
  const files = ports?.logFiles() ?? []
  const vault = ctx.tokens.status()
  const app = ctx.settings.getApp()
  const tokens = ctx.tokens.list()
  return buildDiagnostics({
    host: ports?.host ?? 'Token Desk',
    generatedAt: new Date(),
    ...(ports?.versions ? { versions: ports.versions() } : {}),
    storage: { backend: vault.backend, protection: vault.protection, persisting: vault.persisting, note: vault.reason },
    settings: {
      ...settingsAsRegistered(ctx, ctx.settings.get()),
      mode: app.mode,
      appId: app.appId,
      appType: app.appType ?? null,
      apiVersion: app.apiVersion,
      redirectUri: app.redirectUri,
    },
    details: {
      tokens: `${tokens.length} saved (${countBy(tokens.map((t) => t.meta.kind))})`,
      online: String(ctx.online),
      lastCheck: ctx.lastCheckAt === null ? 'never' : new Date(ctx.lastCheckAt).toISOString(),
      ...ports?.details?.(),
    },
    logLines: await tailLogLines(files),
    logSources: files,
  })
}

function countBy(values: readonly string[]): string {
  const counts = new Map<string, number>()
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ') || 'none'
}

export async function getDiagnostics(ctx: AppContext): Promise<Diagnostics> {
  const ports = ctx.deps.diagnostics
  return { text: (await diagnosticsReport(ctx)).text, logsFolder: ports?.logsFolder ?? null, canOpenLogsFolder: typeof ports?.openLogsFolder === 'function' }
}

/** What "Copy diagnostics" copies: the redacted report, cleared after an hour. */
export async function diagnosticsCopy(ctx: AppContext): Promise<PageCopy> {
  const { text } = await diagnosticsReport(ctx)
  return { text, masked: `Diagnostics, ${text.split('\n').length} lines`, clearsInSeconds: DIAGNOSTICS_CLIPBOARD_MS / 1000 }
}

export async function copyDiagnostics(ctx: AppContext): Promise<CopyResult> {
  return hostCopy(ctx, await diagnosticsCopy(ctx))
}

export async function openLogsFolder(ctx: AppContext): Promise<Diagnostics> {
  const ports = ctx.deps.diagnostics
  if (!ports?.openLogsFolder) throw new AppError('not-allowed', 'This copy of Token Desk writes its log to standard error, or to the file given with --log-file; there is no folder to open here.')
  await ports.openLogsFolder()
  return getDiagnostics(ctx)
}
