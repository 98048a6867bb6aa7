/**
 * A real single-instance lock between processes of the launched app, shaped like Chromium's
 * posix ProcessSingleton (chromium:chrome/browser/process_singleton_posix.cc): a `SingletonLock`
 * in userData naming "<host>-<pid>" (a file created exclusively here, not a symlink, so it also
 * works on Windows runners), taken over when that process is gone. A second
 * process that finds the lock held hands over its argv (a message file the first one reads) and
 * gets `false`; the first emits `second-instance` with it (docs/api/app.md).
 */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'

export interface InstanceLock {
  held: boolean
  release(): void
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export function acquireInstanceLock(
  userData: string,
  argv: string[],
  additionalData: unknown,
  onSecondInstance: (argv: string[], workingDirectory: string, additionalData: unknown) => void,
): InstanceLock {
  mkdirSync(userData, { recursive: true })
  const lockPath = join(userData, 'SingletonLock')
  const inbox = join(userData, 'SingletonMessages')
  const me = `${hostname()}-${process.pid}`
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx')
      writeSync(fd, me)
      closeSync(fd)
      mkdirSync(inbox, { recursive: true })
      const timer = setInterval(() => {
        let names: string[] = []
        try {
          names = readdirSync(inbox).filter((n) => n.endsWith('.json')).sort()
        } catch {
          return
        }
        for (const name of names) {
          const file = join(inbox, name)
          try {
            const message = JSON.parse(readFileSync(file, 'utf8')) as { argv: string[]; cwd: string; additionalData: unknown }
            rmSync(file, { force: true })
            onSecondInstance(message.argv, message.cwd, message.additionalData)
          } catch {
            // Half written: read on the next round.
          }
        }
      }, 50)
      timer.unref()
      let released = false
      return {
        held: true,
        release: () => {
          if (released) return
          released = true
          clearInterval(timer)
          try {
            if (readFileSync(lockPath, 'utf8') === me) unlinkSync(lockPath)
          } catch {
            // Already gone.
          }
        },
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = readFileSync(lockPath, 'utf8')
      const [host, pid] = [owner.slice(0, owner.lastIndexOf('-')), Number(owner.slice(owner.lastIndexOf('-') + 1))]
      if (host === hostname() && !alive(pid)) {
        // A stale lock of a process that died: Chromium takes it over.
        unlinkSync(lockPath)
        continue
      }
      mkdirSync(inbox, { recursive: true })
      const tmp = join(inbox, `${Date.now()}-${process.pid}.tmp`)
      writeFileSync(tmp, JSON.stringify({ argv, cwd: process.cwd(), additionalData: additionalData ?? null }))
      // Renamed into place so the first process never reads half a message.
      renameSync(tmp, join(inbox, `${Date.now()}-${process.pid}.json`))
      return { held: false, release: () => undefined }
    }
  }
  return { held: false, release: () => undefined }
}
