import type { BridgeError } from '../../../preload/api'

/** An error shown right under what caused it; `role="alert"` so screen readers hear it at once. */
export function ErrorText({ error, id }: { error: BridgeError | string | null; id?: string }) {
  if (!error) return null
  const message = typeof error === 'string' ? error : error.message
  const cancelled = typeof error !== 'string' && error.code === 'cancelled'
  return (
    <p id={id} role="alert" className={cancelled ? 'note' : 'error-text'}>
      {cancelled ? 'Stopped. Nothing was changed.' : <><span aria-hidden="true">✕ </span>{message}</>}
    </p>
  )
}
