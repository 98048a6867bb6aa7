import { useState } from 'react'
import type { BridgeError, CopyResult, Input } from '../../../preload/api'
import { copyInBrowser } from '../lib/page-clipboard'
import { useDesk } from './desk'
import { useAction } from './useAction'

export type CopyRequest = Input<'copyInPage'>

const REFUSED: BridgeError = {
  code: 'not-allowed',
  message: 'The browser did not let Token Desk use the clipboard. Click in this page and press Copy again, or allow clipboard access for it.',
}

/**
 * Copy a token, a snippet or the diagnostics wherever this window runs: the desktop app's main
 * process writes and clears the clipboard itself; in a browser the page asks for the text on
 * this click (copyInPage) and writes the browser's clipboard, keeping nothing of it.
 */
export function useCopy() {
  const { state } = useDesk()
  const inPage = state.host?.copy === 'page'
  const token = useAction('copyToken')
  const snippet = useAction('copySnippet')
  const diagnostics = useAction('copyDiagnostics')
  const page = useAction('copyInPage')
  const [refused, setRefused] = useState<BridgeError | null>(null)

  const copy = async (request: CopyRequest): Promise<CopyResult | null> => {
    setRefused(null)
    if (inPage) {
      const reply = page.run(request)
      try {
        await copyInBrowser(reply)
      } catch {
        if ((await reply) !== null) setRefused(REFUSED)
        return null
      }
      const copied = await reply
      return copied && { masked: copied.masked, clearsInSeconds: copied.clearsInSeconds }
    }
    if (request.what === 'token') return token.run({ id: request.id })
    if (request.what === 'snippet') return snippet.run({ id: request.id, format: request.format })
    return diagnostics.run({})
  }
  const pending = page.pending || token.pending || snippet.pending || diagnostics.pending
  return { copy, pending, error: refused ?? page.error ?? token.error ?? snippet.error ?? diagnostics.error }
}
