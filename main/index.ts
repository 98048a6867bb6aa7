// Electron entry. Wiring only: every decision lives in main/core, every adapter in main/shell.
import { app } from 'electron'

if (!app.requestSingleInstanceLock()) app.quit()
