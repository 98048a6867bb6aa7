import { useDeferredValue, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { AppState, TokenSummary } from '../../../../preload/api'
import { groupFamilies } from '../../../../main/core/families'
import { isAlarm } from '../../components/Banners'
import { ErrorText } from '../../components/ErrorText'
import { findInFamilies, type Finding } from '../../lib/find'
import { nowOf } from '../../lib/time'
import { DATA_ACCESS_NOTE, NEVER_CAVEAT } from '../../lib/words'
import { useDesk } from '../../state/desk'
import { useAction } from '../../state/useAction'
import { AlarmBanners } from './AlarmBanners'
import { moveBetweenRows } from '../../lib/row-keys'
import { FamilyRow, familyRowId } from './FamilyRow'
import { FindBar } from './FindBar'
import { openerId } from './MemberRow'
import { SummaryLine } from './SummaryLine'
import { TokenDetail } from './TokenDetail'

const START: Finding = { query: '', show: 'all', sort: 'deadline' }

/**
 * Families in compact rows, closed until opened; a search or filter opens the families it
 * matches. A token's detail view replaces the list and hands focus back to its row on return.
 */
export function DashboardScreen({ state }: { state: AppState }) {
  const { go } = useDesk()
  const checkAll = useAction('checkNow')
  const now = nowOf(state.practiceNow)
  const [finding, setFinding] = useState<Finding>(START)
  const query = useDeferredValue(finding.query)
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set())
  const [detail, setDetail] = useState<string | null>(null)
  const focusAfter = useRef<string | null>(null)
  // Search text per token, kept while the token object lives (each state brings new ones).
  const [cache] = useState(() => new WeakMap<TokenSummary, string>())

  const families = useMemo(() => groupFamilies(state.tokens), [state.tokens])
  const shown = useMemo(() => findInFamilies(families, { ...finding, query }, cache), [families, finding, query, cache])
  const alarms = state.notices.filter(isAlarm)
  const detailToken = detail ? state.tokens.find((t) => t.id === detail) : undefined

  useLayoutEffect(() => {
    if (!focusAfter.current) return
    document.getElementById(focusAfter.current)?.focus()
    focusAfter.current = null
  })

  const toggle = (familyId: string) =>
    setOpened((current) => {
      const next = new Set(current)
      if (!next.delete(familyId)) next.add(familyId)
      return next
    })
  const showFamily = (familyId: string) => {
    setFinding(START)
    setDetail(null)
    setOpened((current) => new Set([...current, familyId]))
    focusAfter.current = `${familyRowId(familyId)}-toggle`
  }
  const back = () => {
    focusAfter.current = detail ? openerId(detail) : null
    setDetail(null)
  }

  if (detailToken) {
    const parent = detailToken.parentId ? state.tokens.find((t) => t.id === detailToken.parentId) : undefined
    return <TokenDetail token={detailToken} parentName={parent?.name ?? null} now={now} onBack={back} />
  }

  const tokenCount = shown.reduce((n, s) => n + s.members.length, 0)
  const narrowed = finding.query.trim() !== '' || finding.show !== 'all'

  return (
    <section aria-labelledby="dashboard-title" className="dashboard">
      <div className="screen-head">
        <h2 id="dashboard-title">Your tokens</h2>
        <button type="button" className="secondary" onClick={() => void checkAll.run({})} disabled={checkAll.pending}>
          {checkAll.pending ? 'Checking all…' : 'Check all now'}
        </button>
      </div>
      <SummaryLine state={state} />
      <ErrorText error={checkAll.error} />
      <AlarmBanners alarms={alarms} onShow={showFamily} />
      {state.tokens.length === 0 ? (
        <div className="card empty">
          <p>No tokens yet. Add one: it takes about four clicks.</p>
          <button type="button" className="primary" onClick={() => go('wizard')}>
            Add a token
          </button>
        </div>
      ) : (
        <>
          <FindBar finding={finding} onChange={setFinding} />
          <p className="visually-hidden" role="status">
            {narrowed ? `${tokenCount} ${tokenCount === 1 ? 'token' : 'tokens'} in ${shown.length} ${shown.length === 1 ? 'group' : 'groups'} match.` : ''}
          </p>
          {shown.length === 0 ? (
            <p className="card empty">
              No token matches.{' '}
              <button type="button" className="link" onClick={() => setFinding(START)}>
                Show all tokens
              </button>
            </p>
          ) : (
            <>
              <p className="note" id="families-keys">
                Up and Down arrows move between rows; Enter opens one.
              </p>
              <ul className="families" aria-label="Token families" aria-describedby="families-keys" onKeyDown={moveBetweenRows}>
                {shown.map(({ family, members, narrowed: filtered }) => (
                  <FamilyRow
                    key={family.id}
                    family={family}
                    members={members}
                    open={opened.has(family.id) !== (filtered && finding.query.trim() !== '')}
                    narrowed={filtered}
                    now={now}
                    onToggle={toggle}
                    onOpenToken={setDetail}
                  />
                ))}
              </ul>
            </>
          )}
          <details className="explain">
            <summary>Why each token has two clocks</summary>
            <p>
              <strong>Stops working:</strong> the day Facebook stops accepting the token. “No expiry date” is not forever:{' '}
              {NEVER_CAVEAT}
            </p>
            <p>
              <strong>Data access ends:</strong> {DATA_ACCESS_NOTE}
            </p>
          </details>
        </>
      )}
    </section>
  )
}
