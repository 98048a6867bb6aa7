import type { Input, Method, Reply } from '../../../preload/api'
import { channelOf } from '../../../preload/api'
import { createAppCore } from '../../../main/core/app/create'
import { createLogger, memorySink, type LogRecord } from '../../../main/core/log'
import { systemClock, systemTimers } from '../../../main/core/ports'
import type { Sandbox } from '../../../main/core/sandbox'
import { composeShell, type Shell } from '../../../main/shell/compose'
import { readyFakeElectron, type FakeElectron } from '../../fakes/electron'
import { desktopCipher } from '../vault/support'

/** The passphrase the composed desktop app is started with, so the command line can open the vault here (no OS keyring on these machines). */
export const DESKTOP_PASSPHRASE = 'desktop and cli share this passphrase'

export interface ComposedDesktop {
  electron: FakeElectron
  shell: Shell
  logs: LogRecord[]
  /** One IPC call as the renderer makes it, through the registered handler and its guard. */
  invoke<M extends Method>(method: M, input: Input<M>): Promise<Reply<M>>
  sandbox(): Sandbox
  quit(): Promise<void>
}

/**
 * The real desktop shell (main/shell/compose.ts) with the recording fake of Electron (whose
 * safeStorage really encrypts) and the real core, on a home folder of the caller's.
 */
export async function composeDesktop(home: string, options: { pageCount?: number; passphrase?: string | null } = {}): Promise<ComposedDesktop> {
  const electron = readyFakeElectron()
  const sink = memorySink()
  const log = createLogger(sink, 'debug')
  const cipher = desktopCipher(home, { passphrase: options.passphrase === undefined ? DESKTOP_PASSPHRASE : options.passphrase, safeStorage: electron.safeStorage, log })
  let sandbox: Sandbox | null = null
  const shell = await composeShell(
    electron,
    (ports) =>
      createAppCore({
        ...ports,
        graphRetry: { maxAttempts: 2, baseMs: 1, capMs: 5, maxTotalMs: 3000 },
        practice: { enabled: true, sandbox: { ticking: false, pageCount: options.pageCount ?? 3, requestLog: { raw: true } }, onSandbox: (s) => void (sandbox = s) },
      }),
    {
      platform: 'linux',
      isPackaged: true,
      rendererRoot: '/nonexistent/out/renderer',
      preloadPath: '/nonexistent/out/preload/index.cjs',
      iconDir: '/nonexistent/assets',
      userDataDir: home,
      devServerUrl: null,
      startHidden: false,
      execPath: '/opt/token-desk/token-desk',
      cipher,
      log,
      timers: systemTimers,
      clock: systemClock,
    },
  )
  const frame = { url: 'app://token-desk/index.html', parent: null }
  return {
    electron,
    shell,
    logs: sink.records,
    invoke: async (method, input) => {
      const handler = electron.ipcMain.handlers.get(channelOf(method))
      if (!handler) throw new Error(`no IPC handler for ${method}`)
      return (await handler({ senderFrame: frame }, input)) as Reply<typeof method>
    },
    sandbox: () => {
      if (!sandbox) throw new Error('practice mode has not started')
      return sandbox
    },
    quit: async () => {
      electron.app.quit()
      await shell.core.stop()
    },
  }
}
