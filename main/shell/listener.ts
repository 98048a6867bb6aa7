/**
 * The listener type for the narrow `on(event, listener)` slices the adapters declare. Electron's
 * overloaded `on` methods are only assignable to a slice whose listener takes `any` arguments;
 * each adapter types its own listener's parameters.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Listener = (...args: any[]) => void
