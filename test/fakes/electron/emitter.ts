// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyListener = (...args: any[]) => unknown

/**
 * The event emitter every stand-in object is: Node's semantics (listeners in order, a throwing
 * listener throws out of `emit`), with the listener table readable by tests.
 */
export class FakeEmitter {
  readonly listeners = new Map<string, AnyListener[]>()
  on(event: string, listener: AnyListener): this {
    this.beforeListen(event)
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }
  addListener(event: string, listener: AnyListener): this {
    return this.on(event, listener)
  }
  prependListener(event: string, listener: AnyListener): this {
    this.beforeListen(event)
    this.listeners.set(event, [listener, ...(this.listeners.get(event) ?? [])])
    return this
  }
  once(event: string, listener: AnyListener): this {
    const wrapped = (...args: unknown[]): unknown => {
      this.removeListener(event, wrapped)
      return listener(...args)
    }
    return this.on(event, wrapped)
  }
  removeListener(event: string, listener: AnyListener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== listener))
    return this
  }
  off(event: string, listener: AnyListener): this {
    return this.removeListener(event, listener)
  }
  removeAllListeners(event?: string): this {
    if (event === undefined) this.listeners.clear()
    else this.listeners.delete(event)
    return this
  }
  emit(event: string, ...args: unknown[]): boolean {
    const list = this.listeners.get(event) ?? []
    for (const listener of list) listener(...args)
    return list.length > 0
  }
  listenerCount(event: string): number {
    return (this.listeners.get(event) ?? []).length
  }
  /** A subclass's hook: refuse a listener (powerMonitor before ready). */
  protected beforeListen(_event: string): void {}
}

export interface FakeEvent {
  preventDefault(): void
  defaultPrevented: boolean
}

/** An Electron event: records whether a handler called preventDefault. */
export function fakeEvent<T extends object>(extra?: T): FakeEvent & T {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true
    },
    ...(extra ?? ({} as T)),
  }
  return event
}
