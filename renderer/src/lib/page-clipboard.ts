/**
 * The browser's clipboard, for a page whose host has none the person can use (`token-desk serve`
 * on a server or in a container). The text comes from copyInPage's reply to the click and goes
 * straight to the clipboard: it is never put in React state. To clear it later only if it still
 * holds what was copied, only a SHA-256 digest of the text is kept in memory meanwhile.
 *
 * Clearing is done where the browser allows it: reading the clipboard needs the
 * "clipboard-read" permission (https://w3c.github.io/clipboard-apis/#privacy), so without it the
 * clipboard is cleared unread (a token outliving its delay is the greater harm); writing needs
 * the page focused, so a page in the background clears when it is focused again.
 */
let pending: { digest: string; timer: ReturnType<typeof setTimeout> | null } | null = null

async function digestOf(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

async function mayRead(): Promise<boolean> {
  try {
    return (await navigator.permissions.query({ name: 'clipboard-read' as PermissionName })).state === 'granted'
  } catch {
    return false
  }
}

async function clearIfUnchanged(digest: string): Promise<void> {
  if (pending?.digest !== digest) return
  if (!document.hasFocus()) {
    window.addEventListener('focus', () => void clearIfUnchanged(digest), { once: true })
    return
  }
  pending = null
  try {
    if ((await mayRead()) && (await digestOf(await navigator.clipboard.readText())) !== digest) return
    await navigator.clipboard.writeText('')
  } catch {
    // Refused by the browser: nothing more a page can do.
  }
}

/**
 * Writes `reply`'s text to the clipboard and schedules the clear. `reply` is the host's answer,
 * asked for inside the click: where ClipboardItem takes a promise (Chromium, Safari), the write
 * starts within the click's user activation, as Safari requires; elsewhere it follows the reply.
 */
export async function copyInBrowser(reply: Promise<{ text: string; clearsInSeconds: number } | null>): Promise<boolean> {
  let cleared = 0
  const text = reply.then((r) => {
    if (!r) throw new Error('nothing to copy')
    cleared = r.clearsInSeconds
    return r.text
  })
  if (typeof ClipboardItem !== 'undefined' && typeof ClipboardItem.supports === 'function' && ClipboardItem.supports('text/plain')) {
    await navigator.clipboard.write([new ClipboardItem({ 'text/plain': text.then((t) => new Blob([t], { type: 'text/plain' })) })])
  } else {
    await navigator.clipboard.writeText(await text)
  }
  const digest = await digestOf(await text)
  if (pending?.timer) clearTimeout(pending.timer)
  pending = { digest, timer: setTimeout(() => void clearIfUnchanged(digest), cleared * 1000) }
  return true
}
