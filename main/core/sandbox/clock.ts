/** The sandbox's simulated time: starts where asked and moves only when told (or with real time when ticking). */
export interface SandboxClock {
  now(): number
  advance(ms: number): void
  set(ms: number): void
}

export function createSandboxClock(start: number, ticking: boolean, real: () => number = Date.now): SandboxClock {
  let base = start
  let realAtBase = real()
  const now = (): number => (ticking ? base + (real() - realAtBase) : base)
  return {
    now,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error('The sandbox clock only moves forward by a finite amount.')
      base = now() + ms
      realAtBase = real()
    },
    set(ms) {
      if (!Number.isFinite(ms)) throw new Error('The sandbox clock needs a finite time.')
      base = ms
      realAtBase = real()
    },
  }
}

export const toUnixSeconds = (ms: number): number => Math.floor(ms / 1000)
