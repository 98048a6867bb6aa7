import { createContext, useContext } from 'react'
import type { AppState, TokenDeskApi } from '../../../preload/api'

export type View = 'dashboard' | 'wizard' | 'access' | 'settings' | 'practice'

export interface Desk {
  api: TokenDeskApi
  state: AppState
  /** Replies that carry a newer AppState land here, so a screen never waits for the push. */
  apply: (state: AppState) => void
  go: (view: View) => void
}

export const DeskContext = createContext<Desk | null>(null)

export function useDesk(): Desk {
  const desk = useContext(DeskContext)
  if (!desk) throw new Error('useDesk outside DeskContext')
  return desk
}
