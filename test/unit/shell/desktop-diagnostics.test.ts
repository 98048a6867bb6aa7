import { describe, expect, it } from 'vitest'
import { AppError } from '../../../main/core/app/errors'
import { desktopDiagnostics } from '../../../main/shell/desktop-diagnostics'

describe('desktop diagnostics ports', () => {
  it('opens the logs folder with shell.openPath and says where it is when that fails', async () => {
    const opened: string[] = []
    let answer = ''
    const shell = { openPath: (p: string) => (opened.push(p), Promise.resolve(answer)) }
    const ports = desktopDiagnostics(shell, { folder: '/home/u/.config/token-desk/logs', files: () => ['/a.log'] }, () => ({ updates: 'idle' }))
    expect(ports.logsFolder).toBe('/home/u/.config/token-desk/logs')
    expect(ports.logFiles()).toEqual(['/a.log'])
    expect(ports.details?.()).toMatchObject({ updates: 'idle', network: expect.stringContaining('Electron net') as string })
    await ports.openLogsFolder!()
    expect(opened).toEqual(['/home/u/.config/token-desk/logs'])
    answer = 'No application is registered'
    const failure = await ports.openLogsFolder!().then(() => null, (e: unknown) => e)
    expect(failure).toBeInstanceOf(AppError)
    expect((failure as AppError).message).toBe('The logs folder could not be opened (No application is registered). It is /home/u/.config/token-desk/logs.')
  })

  it('without a log file there is no folder to open', () => {
    const ports = desktopDiagnostics({ openPath: () => Promise.resolve('') }, undefined, () => ({}))
    expect(ports.logsFolder).toBeNull()
    expect('openLogsFolder' in ports).toBe(false)
  })
})
