import { useEffect, useState } from 'react'
import type { Diagnostics } from '../../../../preload/api'
import { ErrorText } from '../../components/ErrorText'
import { useAction } from '../../state/useAction'
import { useCopy } from '../../state/useCopy'

/**
 * "Open logs folder" and "Copy diagnostics": what a user sends with a bug report. The report
 * is built and redacted by the host; it is shown here so the user sees what they would share.
 */
export function DiagnosticsCard() {
  const load = useAction('getDiagnostics')
  const copy = useCopy()
  const open = useAction('openLogsFolder')
  const [report, setReport] = useState<Diagnostics | null>(null)
  const [copied, setCopied] = useState<string | null>(null)
  const { run } = load

  useEffect(() => {
    void run({}).then((r) => r && setReport(r))
  }, [run])

  return (
    <section className="card" aria-labelledby="diagnostics-title">
      <h3 id="diagnostics-title">Logs and diagnostics</h3>
      <p>
        When something goes wrong, copy the diagnostics and paste them into your bug report: versions, system, how secrets
        are stored, your settings and the last 200 log lines. Tokens, secrets and codes are removed first.
      </p>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={copy.pending}
          onClick={() => void copy.copy({ what: 'diagnostics' }).then((r) => r && setCopied(`Copied. The clipboard is cleared in ${Math.round(r.clearsInSeconds / 60)} minutes if it still holds them.`))}
        >
          Copy diagnostics
        </button>
        {report?.canOpenLogsFolder && (
          <button type="button" className="secondary" disabled={open.pending} onClick={() => void open.run({}).then((r) => r && setReport(r))}>
            Open logs folder
          </button>
        )}
      </div>
      <p className="note" role="status">
        {copied}
      </p>
      {report && (
        <>
          <p className="note">{report.logsFolder ? `Log files: ${report.logsFolder}` : 'This copy logs to standard error only (start it with --log-file PATH to keep a file).'}</p>
          <details>
            <summary>Show the diagnostics</summary>
            <pre className="diagnostics" tabIndex={0} aria-label="Diagnostics">
              {report.text}
            </pre>
          </details>
        </>
      )}
      <ErrorText error={copy.error ?? open.error ?? load.error} />
    </section>
  )
}
