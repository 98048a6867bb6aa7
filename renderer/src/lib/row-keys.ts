import type { KeyboardEvent } from 'react'

/** The one control that names each row: a family's toggle, a member's name. */
const ROW_HEADS = '.toggle, .member-name'

const STEPS: Record<string, (at: number, last: number) => number> = {
  ArrowDown: (at) => at + 1,
  ArrowUp: (at) => at - 1,
  Home: () => 0,
  End: (_, last) => last,
}

/**
 * Up and Down (Home, End) move from row to row, so a list of dozens of families is walked one
 * row per key instead of five Tab stops per row. Tab still reaches every control, in order;
 * keys pressed in any other control (a rename field, a menu) keep their usual meaning.
 */
export function moveBetweenRows(event: KeyboardEvent<HTMLElement>): void {
  const step = STEPS[event.key]
  const target = event.target as HTMLElement
  if (!step || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || !target.matches(ROW_HEADS)) return
  const heads = [...event.currentTarget.querySelectorAll<HTMLElement>(ROW_HEADS)]
  const next = heads[step(heads.indexOf(target), heads.length - 1)]
  if (!next) return
  event.preventDefault()
  next.focus()
}
