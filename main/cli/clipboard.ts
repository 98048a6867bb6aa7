import { spawn } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import { AppError } from '../core/app/errors'
import { childEnv } from '../core/child-env'
import type { Logger, SecretClipboard } from '../core/ports'
import type { Env } from './config'

interface Tool {
  copy: [string, ...string[]]
  /** Reads the clipboard back, so a clear never wipes what the user copied since. */
  paste: [string, ...string[]] | null
}

function onPath(command: string, env: Env, platform: NodeJS.Platform): boolean {
  const names = platform === 'win32' ? [command, `${command}.exe`] : [command]
  for (const dir of (env.PATH ?? env.Path ?? '').split(delimiter)) {
    for (const name of dir ? names : []) {
      try {
        accessSync(join(dir, name), constants.X_OK)
        return true
      } catch {
        // not in this folder
      }
    }
  }
  return false
}

/** The platform's clipboard program, when one is installed and a desktop session is there to use it. */
export function findClipboardTool(platform: NodeJS.Platform, env: Env): Tool | null {
  const candidates: (Tool & { when: boolean })[] = [
    { when: platform === 'darwin', copy: ['pbcopy'], paste: ['pbpaste'] },
    { when: platform === 'win32', copy: ['clip'], paste: ['powershell', '-NoProfile', '-Command', 'Get-Clipboard'] },
    { when: platform !== 'darwin' && platform !== 'win32' && !!env.WAYLAND_DISPLAY, copy: ['wl-copy'], paste: ['wl-paste', '-n'] },
    { when: platform !== 'darwin' && platform !== 'win32' && !!env.DISPLAY, copy: ['xclip', '-selection', 'clipboard'], paste: ['xclip', '-selection', 'clipboard', '-o'] },
    { when: platform !== 'darwin' && platform !== 'win32' && !!env.DISPLAY, copy: ['xsel', '--clipboard', '--input'], paste: ['xsel', '--clipboard', '--output'] },
  ]
  const found = candidates.find((c) => c.when && onPath(c.copy[0], env, platform))
  return found ? { copy: found.copy, paste: found.paste && onPath(found.paste[0], env, platform) ? found.paste : null } : null
}

function runTool([command, ...args]: [string, ...string[]], input: string | null, env: Env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'ignore'], env: childEnv(env) })
    const out: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out).toString('utf8')) : reject(new Error(`${command} exited with ${code}`))))
    // A tool that exits without reading its input (a paste) closes the pipe first: EPIPE here is
    // not a failure, and unhandled it would crash the process; the exit code above decides.
    child.stdin.on('error', () => undefined)
    child.stdin.end(input ?? '')
  })
}

export interface CliClipboard extends SecretClipboard {
  /** Clears now, if the clipboard still holds the last secret (when serve stops). */
  flush(): Promise<void>
}

/**
 * `token-desk serve` runs where Node has no clipboard of its own: it uses the platform's
 * clipboard program, and says plainly when there is none (a server without a desktop).
 */
export function createCliClipboard(options: { platform: NodeJS.Platform; env: Env; log: Logger }): CliClipboard {
  const { env, log } = options
  let pending: { text: string; timer: ReturnType<typeof setTimeout> } | null = null

  const clearIfUnchanged = async (tool: Tool): Promise<void> => {
    const last = pending
    pending = null
    if (!last) return
    clearTimeout(last.timer)
    if (!tool.paste) return
    try {
      const now = await runTool(tool.paste, null, env)
      if (now.replace(/\r?\n$/, '') === last.text) await runTool(tool.copy, '', env)
    } catch (error) {
      log.warn('The clipboard could not be cleared.', { error })
    }
  }

  return {
    copy(text, clearAfterMs) {
      const tool = findClipboardTool(options.platform, env)
      if (!tool) {
        throw new AppError(
          'not-allowed',
          'There is no clipboard program here (token-desk serve runs outside a desktop session). In a terminal, use: token-desk token NAME',
        )
      }
      if (pending) clearTimeout(pending.timer)
      runTool(tool.copy, text, env).catch((error: unknown) => log.error('Copying to the clipboard failed.', { tool: tool.copy[0], error }))
      const timer = setTimeout(() => void clearIfUnchanged(tool), clearAfterMs)
      timer.unref()
      pending = { text, timer }
    },
    async flush() {
      const tool = findClipboardTool(options.platform, env)
      if (tool) await clearIfUnchanged(tool)
    },
  }
}
