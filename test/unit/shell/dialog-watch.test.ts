/**
 * Issue 18, fault 9: find-in-page on a login window that was destroyed mid-loop (the login ended
 * while the refusal phrases were still being searched) threw "Object has been destroyed" out of
 * an un-awaited promise: an unhandled rejection in the main process.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DIALOG_PAGE_PHRASES } from '../../../main/core/doctor/dialog-pages'
import { systemTimers } from '../../../main/core/ports'
import { phrasesOnPage, watchDialog } from '../../../main/shell/dialog-watch'
import { readyFakeElectron } from '../../fakes/electron'

const rejections: unknown[] = []
const onRejection = (reason: unknown): void => void rejections.push(reason)
beforeEach(() => {
  rejections.length = 0
  process.on('unhandledRejection', onRejection)
  vi.useFakeTimers()
})
afterEach(() => {
  process.off('unhandledRejection', onRejection)
  vi.useRealTimers()
})

describe('the refusal-page watch on a window that goes away', () => {
  it('stops searching, without an unhandled rejection, when the window is destroyed mid-loop', async () => {
    const electron = readyFakeElectron()
    const win = new electron.BrowserWindow({ show: true })
    const refusals: unknown[] = []
    watchDialog(win.webContents, systemTimers, (page) => refusals.push(page))
    win.webContents.emit('did-finish-load')
    expect(win.webContents.searched).toHaveLength(1)
    win.destroy()
    await vi.advanceTimersByTimeAsync(2000 * DIALOG_PAGE_PHRASES.length)
    // Let Node report any rejection nobody handled.
    vi.useRealTimers()
    await new Promise((r) => setTimeout(r, 20))
    expect(rejections).toEqual([])
    expect(win.webContents.searched).toHaveLength(1)
    expect(refusals).toEqual([])
  })

  it('on a live window still searches every phrase and clears the selection', async () => {
    const electron = readyFakeElectron()
    const win = new electron.BrowserWindow({ show: true })
    win.webContents.pageText = 'URL blocked: the redirect URI is not whitelisted in the app'
    const found = await phrasesOnPage(win.webContents, DIALOG_PAGE_PHRASES, systemTimers)
    expect(win.webContents.searched).toEqual([...DIALOG_PAGE_PHRASES])
    expect(win.webContents.stopped).toBe(1)
    expect(found.length).toBeGreaterThan(0)
  })
})
