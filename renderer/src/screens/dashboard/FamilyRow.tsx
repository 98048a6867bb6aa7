import type { TokenSummary } from '../../../../preload/api'
import { isStopped, type Family } from '../../../../main/core/families'
import { inDays } from '../../lib/time'
import { KIND_NAMES } from '../../lib/words'
import { FixButton } from './FixButton'
import { FamilyBadge } from './FamilyBadge'
import { MemberList } from './MemberList'

export const familyRowId = (familyId: string): string => `family-${familyId.replace(/[^A-Za-z0-9_-]/g, '_')}`

function deadlineText(family: Family, now: number): string {
  if (!family.deadline) return isStopped(family) ? '' : 'No deadline'
  const what = family.deadline.clock === 'expires' ? 'Next: stops working' : 'Next: data access ends'
  return `${what} ${inDays(family.deadline.at, now)}`
}

function whatItHolds(family: Family): string {
  if (family.kind === 'alone') return KIND_NAMES[family.members[0]!.kind]
  const pages = `${family.pages.length} Page ${family.pages.length === 1 ? 'token' : 'tokens'}`
  // How many stopped is the badge's to say ("1 of 58 stopped").
  return family.kind === 'orphans' ? pages : `User token and ${pages}`
}

interface Props {
  family: Family
  members: TokenSummary[]
  open: boolean
  narrowed: boolean
  now: number
  onToggle: (familyId: string) => void
  onOpenToken: (tokenId: string) => void
}

/** One family in one compact row; opened, its members as compact rows. */
export function FamilyRow({ family, members, open, narrowed, now, onToggle, onOpenToken }: Props) {
  const listId = `${familyRowId(family.id)}-members`
  const matching = narrowed && members.length !== family.members.length ? ` · ${members.length} of ${family.members.length} match` : ''
  const deadline = deadlineText(family, now)
  return (
    <li className={`family status-${family.status}`} id={familyRowId(family.id)}>
      <div className="family-head">
        <h3 className="family-name">
          <button type="button" id={`${familyRowId(family.id)}-toggle`} className="toggle" aria-expanded={open} aria-controls={open ? listId : undefined} onClick={() => onToggle(family.id)}>
            <span className="chevron" aria-hidden="true" />
            {family.name}
          </button>
        </h3>
        <FamilyBadge family={family} />
        <span className="note family-facts">
          {whatItHolds(family)}
          {matching}
          {deadline && ` · ${deadline}`}
        </span>
        <span className="family-fix">{family.fix && <FixButton fix={family.fix} />}</span>
      </div>
      {open && <MemberList id={listId} label={`Tokens of ${family.name}`} members={members} now={now} onOpen={onOpenToken} />}
    </li>
  )
}
