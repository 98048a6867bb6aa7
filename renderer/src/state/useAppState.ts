import { useEffect, useState } from 'react'
import type { AppState, TokenDeskApi } from '../../../preload/api'

export function useAppState(api: TokenDeskApi) {
  const [state, setState] = useState<AppState | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    const stop = api.onState((next) => setState(next))
    void api.getState({}).then(
      (reply) => {
        if (!live) return
        // A push may have arrived first; it is newer than this reply.
        if (reply.ok) setState((current) => current ?? reply.value)
        else setLoadError(reply.error.message)
      },
      () => live && setLoadError('Token Desk could not load its state. Reload the window to try again.'),
    )
    return () => {
      live = false
      stop()
    }
  }, [api])

  return { state, setState, loadError }
}
