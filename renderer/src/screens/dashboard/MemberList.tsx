import { useVirtualizer } from '@tanstack/react-virtual'
import { useRef, type KeyboardEvent } from 'react'
import type { TokenSummary } from '../../../../preload/api'
import { MemberRow, openerId } from './MemberRow'

/** Past this many members a family's list draws only the rows in view. */
export const VIRTUAL_FROM = 60
/** A compact member row's height before it is measured. */
const ROW_ESTIMATE = 66

interface Props {
  id: string
  label: string
  members: TokenSummary[]
  now: number
  onOpen: (id: string) => void
}

/** A family's tokens: every row for a few dozen; for hundreds, only those in view (@tanstack/react-virtual). */
export function MemberList(props: Props) {
  return props.members.length < VIRTUAL_FROM ? <AllMembers {...props} /> : <VirtualMembers {...props} />
}

function AllMembers({ id, label, members, now, onOpen }: Props) {
  return (
    <ul className="members" id={id} aria-label={label}>
      {members.map((t) => (
        <MemberRow key={t.id} token={t} now={now} onOpen={onOpen} />
      ))}
    </ul>
  )
}

/**
 * Hundreds of Page tokens in one family: a scrolling box that draws the rows in view plus a few,
 * each row telling its place in the whole list (aria-setsize, aria-posinset). The Up and Down
 * walk goes on past the drawn rows: the next row is scrolled in, then focused.
 */
function VirtualMembers({ id, label, members, now, onOpen }: Props) {
  const box = useRef<HTMLDivElement>(null)
  // The row the walk is moving to while it is scrolled in: keys pressed meanwhile count from it.
  const moving = useRef<number | null>(null)
  // The renderer is not compiled with the React Compiler, so nothing memoises what this returns.
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual's documented use
  const rows = useVirtualizer({ count: members.length, getScrollElement: () => box.current, estimateSize: () => ROW_ESTIMATE, overscan: 6 })

  const focusRow = (index: number): void => {
    const target = members[index]
    if (!target) return
    const focus = (): boolean => {
      const row = document.getElementById(openerId(target.id))
      if (!row) return false
      row.focus()
      if (moving.current === index) moving.current = null
      return true
    }
    if (focus()) return
    moving.current = index
    rows.scrollToIndex(index, { align: 'auto' })
    const tryFocus = (tries: number) => requestAnimationFrame(() => void (focus() || (tries > 0 && tryFocus(tries - 1))))
    tryFocus(10)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const target = event.target as HTMLElement
    if (!target.matches('.member-name') || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return
    const at = moving.current ?? Number(target.closest('li')?.dataset.index)
    const next = event.key === 'ArrowDown' ? at + 1 : event.key === 'ArrowUp' ? at - 1 : NaN
    // The first and last rows hand the walk back to the list of families (moveBetweenRows).
    if (Number.isNaN(next) || next < 0 || next >= members.length) return
    event.preventDefault()
    event.stopPropagation()
    focusRow(next)
  }

  return (
    <div className="members-scroll" ref={box} onKeyDown={onKeyDown}>
      <ul className="members members-virtual" id={id} aria-label={label} style={{ height: rows.getTotalSize() }}>
        {rows.getVirtualItems().map((item) => (
          <MemberRow
            key={members[item.index]!.id}
            token={members[item.index]!}
            now={now}
            onOpen={onOpen}
            place={{ index: item.index, setSize: members.length, ref: rows.measureElement, style: { transform: `translateY(${item.start}px)` } }}
          />
        ))}
      </ul>
    </div>
  )
}
