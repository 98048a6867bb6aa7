import { useState } from 'react'
import type { CopyResult } from '../../../../preload/api'
import { ErrorText } from '../../components/ErrorText'
import { useCopy } from '../../state/useCopy'

type Format = 'curl' | 'env' | 'node-sdk'
const FORMATS: Record<Format, string> = { curl: 'curl command', env: '.env line', 'node-sdk': 'Node business SDK' }

const said = (what: string, result: CopyResult) =>
  `Copied ${what}${result.masked}, clipboard clears in ${result.clearsInSeconds} s. Don't paste it into an AI chat.`

/**
 * In the desktop app the token never reaches this window: the host copies it and clears the
 * clipboard later. In a browser the page gets it for this one click and writes the clipboard
 * itself (useCopy). `only` keeps one half, for compact rows (the token) and the per-token menu (snippets).
 */
export function CopyControls({ id, only, name }: { id: string; only?: 'token' | 'snippet'; name?: string }) {
  const copy = useCopy()
  const snippet = useCopy()
  const [format, setFormat] = useState<Format>('env')
  const [message, setMessage] = useState<string | null>(null)
  const selectId = `format-${id}`

  return (
    <div className={only ? `copy copy-${only}` : 'copy'}>
      {only !== 'snippet' && <button
        type="button"
        className="secondary"
        disabled={copy.pending}
        onClick={() => void copy.copy({ what: 'token', id }).then((r) => r && setMessage(said('', r)))}
      >
        Copy token{name && <span className="visually-hidden"> {name}</span>}
      </button>}
      {only !== 'token' && <span className="snippet">
        <label htmlFor={selectId}>Snippet</label>
        <select id={selectId} value={format} onChange={(e) => setFormat(e.target.value as Format)}>
          {Object.entries(FORMATS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="secondary"
          disabled={snippet.pending}
          onClick={() => void snippet.copy({ what: 'snippet', id, format }).then((r) => r && setMessage(said(`a ${FORMATS[format]} with `, r)))}
        >
          Copy snippet
        </button>
      </span>}
      <p className="note copied" role="status" aria-live="polite">
        {message}
      </p>
      <ErrorText error={copy.error ?? snippet.error} />
    </div>
  )
}
