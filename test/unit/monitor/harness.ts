import { createLogger, memorySink } from '../../../main/core/log'
import { createMonitor, DEFAULT_MONITOR_SETTINGS, type MonitorSettings, type WatchedToken } from '../../../main/core/monitor'
import { fakeGraph, fakeTime, memoryStore, recorder, reminderLog, T0, type GraphToken } from './fakes'

export interface SetupOptions {
  tokens: WatchedToken[]
  truth: Record<string, GraphToken>
  settings?: MonitorSettings
  /** How far the local clock is ahead of Graph's (negative: behind). */
  skewMs?: number
  keys?: Set<string>
}

/** A monitor over fakes. `restart()` builds a new one on the same store and reminder log. */
export function setup(options: SetupOptions) {
  const skew = options.skewMs ?? 0
  const time = fakeTime(T0 + skew)
  const graph = fakeGraph(() => time.now() - skew, options.truth)
  const store = memoryStore(options.tokens)
  const log = reminderLog(options.keys)
  const rec = recorder()
  const sink = memorySink()
  let settings = options.settings ?? DEFAULT_MONITOR_SETTINGS
  // Each event stamped with the local time it was emitted at.
  const stamped: { at: number; type: string }[] = []
  const build = () => {
    const monitor = createMonitor({
      clock: time.clock,
      timers: time.timers,
      checker: graph.checker,
      store,
      reminders: log,
      settings: () => settings,
      log: createLogger(sink, 'debug'),
    })
    monitor.subscribe((e) => {
      stamped.push({ at: time.now(), type: e.type })
      rec.listener(e)
    })
    return monitor
  }
  const env = {
    time,
    graph,
    store,
    log,
    rec,
    sink,
    stamped,
    monitor: build(),
    setSettings(next: MonitorSettings) {
      settings = next
    },
    restart() {
      env.monitor.stop()
      env.monitor = build()
      return env.monitor
    },
    /** When the listener heard each event of a type (local clock). */
    timesOf(type: string) {
      return stamped.filter((s) => s.type === type).map((s) => s.at)
    },
  }
  return env
}
