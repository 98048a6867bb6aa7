import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore } from '../../../main/core/app/create'
import type { AppCore } from '../../../main/core/app/types'
import { DIAGNOSTIC_LOG_LINES, buildDiagnostics } from '../../../main/core/diagnostics/report'
import { createLogger } from '../../../main/core/log'
import { openFileLog, teeSink, type FileLog } from '../../../main/core/logging/file-log'
import type { Sandbox } from '../../../main/core/sandbox'
import { createNodeCipher } from '../../../main/core/vault'
import { consentWindow, heldTimers } from '../../integration/app/harness'

let home: string
let core: AppCore
let sandbox: Sandbox | null = null
let fileLog: FileLog
const clipboard: string[] = []
const opened: string[] = []

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'td-diag-'))
  fileLog = openFileLog(join(home, 'logs', 'main.log'))
  const log = createLogger(teeSink(fileLog.sink), 'debug')
  core = createAppCore({
    cipher: await createNodeCipher({ home, passphrase: 'diagnostics passphrase', keyring: null, scryptCost: { N: 1024, r: 8, p: 1 } }),
    settingsDir: home,
    loginWindow: consentWindow(),
    clipboard: { copy: (text) => void clipboard.push(text) },
    notifier: { notify: () => undefined },
    log,
    platform: { setStartAtLogin: () => undefined },
    timers: heldTimers,
    graphRetry: { maxAttempts: 1 },
    diagnostics: {
      host: 'desktop app',
      logFiles: () => fileLog.files(),
      logsFolder: join(home, 'logs'),
      openLogsFolder: () => (opened.push(join(home, 'logs')), Promise.resolve()),
      details: () => ({ updates: 'idle' }),
    },
    practice: { enabled: true, sandbox: { ticking: false, pageCount: 2 }, onSandbox: (s) => void (sandbox = s) },
  })
  await core.start()
})
afterAll(async () => {
  await core.stop()
  await rm(home, { recursive: true, force: true })
})

describe('diagnostics from the app', () => {
  it('reports versions, OS, storage, settings and the newest log lines, with no token in it', async () => {
    await core.call('startPractice', {})
    const token = sandbox!.issueToken({ kind: 'USER', lifetime: 'long', scopes: ['pages_show_list'] })
    const pasted = await core.call('pasteToken', { token })
    expect(pasted.ok).toBe(true)
    // A line that quotes the token, as a careless log call might.
    createLogger(fileLog.sink).warn(`oops ${token}`, { token })
    const reply = await core.call('getDiagnostics', {})
    if (!reply.ok) throw new Error(reply.error.message)
    const { text, logsFolder, canOpenLogsFolder } = reply.value
    expect(logsFolder).toBe(join(home, 'logs'))
    expect(canOpenLogsFolder).toBe(true)
    expect(text).toContain('Token Desk diagnostics (desktop app)')
    expect(text).toMatch(/Token Desk: \d+\.\d+\.\d+/)
    expect(text).toContain(`Node: ${process.versions.node}`)
    expect(text).toContain(`platform: ${process.platform}`)
    // Where the shared vault's key is kept: this core was given only a passphrase.
    expect(text).toContain('backend: a passphrase')
    expect(text).toContain('protection: passphrase')
    expect(text).toContain('reminderDays: [')
    expect(text).toContain('mode: practice')
    expect(text).toContain('updates: idle')
    expect(text).toMatch(/Last \d+ log lines/)
    expect(text).toContain('oops [redacted]')
    expect(text).not.toContain(token)
    expect(text).not.toContain(sandbox!.practiceApp.secret)
  })

  it('copies the same report to the clipboard, and opens the logs folder', async () => {
    const copied = await core.call('copyDiagnostics', {})
    expect(copied.ok).toBe(true)
    expect(clipboard.at(-1)).toContain('Token Desk diagnostics (desktop app)')
    const open = await core.call('openLogsFolder', {})
    expect(open.ok).toBe(true)
    expect(opened).toEqual([join(home, 'logs')])
  })

  it('carries at most the last 200 log lines', () => {
    const lines = Array.from({ length: 450 }, (_, i) => `line ${i}`)
    const report = buildDiagnostics({ host: 'x', generatedAt: new Date(0), storage: { backend: 'b', protection: 'weak' }, settings: {}, logLines: lines, logSources: ['f'] })
    expect(DIAGNOSTIC_LOG_LINES).toBe(200)
    expect(report.data.log).toMatchObject({ lines: lines.slice(-200) })
    expect(report.text).toContain('Last 200 log lines (f):\n  line 250\n')
    expect(report.text).not.toContain('line 249\n')
  })
})
