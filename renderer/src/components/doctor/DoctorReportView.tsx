import type { DoctorFinding, DoctorReport, FindingStatus } from '../../../../preload/api'
import { dateOf } from '../../lib/time'

/** Icon plus words: the colour is never the only signal. */
const STATUS: Record<FindingStatus, { icon: string; label: string }> = {
  pass: { icon: '✓', label: 'Pass' },
  warning: { icon: '!', label: 'Warning' },
  failure: { icon: '✕', label: 'Failure' },
  skipped: { icon: '–', label: 'Not checked' },
}

const SEVERITY: Record<FindingStatus, number> = { failure: 0, warning: 1, pass: 2, skipped: 3 }

function summary(report: DoctorReport): string {
  if (report.outcome === 'unreachable') return 'Facebook could not be reached, so nothing was checked.'
  const failures = report.findings.filter((f) => f.status === 'failure').length
  const warnings = report.findings.filter((f) => f.status === 'warning').length
  if (failures + warnings === 0) return 'Every check passed.'
  const parts = [failures && `${failures} ${failures === 1 ? 'failure' : 'failures'}`, warnings && `${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`]
  return `${parts.filter(Boolean).join(' and ')}: see below.`
}

function Finding({ finding }: { finding: DoctorFinding }) {
  const { icon, label } = STATUS[finding.status]
  return (
    <li className={`finding finding-${finding.status}`}>
      <p className="finding-head">
        <span className={`badge badge-finding-${finding.status}`}>
          <span aria-hidden="true">{icon}</span> {label}
        </span>{' '}
        <strong>{finding.title}</strong>
      </p>
      <p>{finding.reason}</p>
      {finding.fix && (
        <p>
          <strong>Fix:</strong> {finding.fix}
        </p>
      )}
      {finding.where && (
        <p className="note">
          <strong>Where:</strong> {finding.where}
        </p>
      )}
    </li>
  )
}

/**
 * The app doctor's report. `only`: show just the findings with these statuses (a failed login
 * shows its failures and warnings; Settings shows everything).
 */
export function DoctorReportView({ report, only, headingLevel = 3 }: { report: DoctorReport; only?: FindingStatus[]; headingLevel?: 3 | 4 }) {
  // What stops things first: failures, then warnings, then what passed or was not checked.
  const shown = (only ? report.findings.filter((f) => only.includes(f.status)) : report.findings).toSorted((a, b) => SEVERITY[a.status] - SEVERITY[b.status])
  const Heading = headingLevel === 3 ? 'h3' : 'h4'
  return (
    <section className="doctor-report" aria-label="App check">
      <Heading>
        App {report.appName ? `“${report.appName}”` : report.appId}: {summary(report)}
      </Heading>
      <p className="note">Checked {dateOf(report.checkedAt)}.</p>
      {shown.length > 0 && (
        <ul className="findings">
          {shown.map((f) => (
            <Finding key={f.check} finding={f} />
          ))}
        </ul>
      )}
    </section>
  )
}
