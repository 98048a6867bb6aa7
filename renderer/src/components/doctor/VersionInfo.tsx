import type { VersionStatus } from '../../../../preload/api'
import { shortDate } from '../../lib/time'

/** The API version asked for and the one Facebook answered with, and what to know about it. */
export function VersionInfo({ versions }: { versions: VersionStatus }) {
  const differs = versions.served !== null && versions.served !== versions.requested
  return (
    <div className="version-info">
      <p>
        Token Desk asks for <strong className="mono">{versions.requested}</strong>
        {differs && (
          <>
            ; Facebook answered with <strong className="mono">{versions.served}</strong>
          </>
        )}
        . {versions.graphUntil ? `Served until ${shortDate(versions.graphUntil)}.` : 'No end date announced yet.'}
        {versions.marketingUntil && ` Ads calls (Marketing API): until ${shortDate(versions.marketingUntil)}.`}
      </p>
      {versions.lines.length > 0 && (
        <ul className="version-lines">
          {versions.lines.map((line) => (
            <li key={line.text} className={line.level === 'warning' ? 'warning-box' : 'note-box'}>
              {line.level === 'warning' && <span aria-hidden="true">⚠ </span>}
              {line.text}
            </li>
          ))}
        </ul>
      )}
      <p className="note">
        Newest known: {versions.newest}. Token Desk’s table of versions was last compared with Meta’s changelog on {shortDate(versions.checkedOn)}.
      </p>
    </div>
  )
}
