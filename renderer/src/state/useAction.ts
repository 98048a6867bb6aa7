import { useCallback, useState } from 'react'
import type { AppState, BridgeError, Input, Method, Reply, Results } from '../../../preload/api'
import { useDesk } from './desk'

const isAppState = (value: unknown): value is AppState =>
  typeof value === 'object' && value !== null && 'wizard' in value && 'mode' in value

/**
 * One bridge method with its own pending flag and error, so each button can show both beside
 * itself. The call starts synchronously inside the caller: the web bridge opens the login popup
 * there, which browsers allow only during a click.
 */
export function useAction<M extends Method>(method: M) {
  const { api, apply } = useDesk()
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<BridgeError | null>(null)

  const run = useCallback(
    async (input: Input<M>): Promise<Results[M] | null> => {
      setPending(true)
      setError(null)
      try {
        const call = api[method] as (input: Input<M>) => Promise<Reply<M>>
        const reply = await call(input)
        if (!reply.ok) {
          setError(reply.error)
          return null
        }
        if (isAppState(reply.value)) apply(reply.value)
        return reply.value
      } catch {
        setError({ code: 'network', message: 'Token Desk did not answer. Try again in a moment.' })
        return null
      } finally {
        setPending(false)
      }
    },
    [api, apply, method],
  )

  const clear = useCallback(() => setError(null), [])
  return { run, pending, error, clear }
}
