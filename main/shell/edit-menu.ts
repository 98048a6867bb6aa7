import type { Listener } from './listener'

/** What Electron's `context-menu` event says about the right-click (docs/api/web-contents.md, ContextMenuParams). */
export interface ContextMenuParams {
  isEditable: boolean
  selectionText: string
  misspelledWord: string
  dictionarySuggestions: string[]
  editFlags: { canUndo: boolean; canRedo: boolean; canCut: boolean; canCopy: boolean; canPaste: boolean; canSelectAll: boolean }
}

export type EditMenuItem =
  | { label: string; click: () => void }
  | { label: string; enabled: false }
  | { role: 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll'; enabled: boolean }
  | { type: 'separator' }

/** At most this many spelling suggestions, as Chromium's own menu shows. */
const SUGGESTIONS_MAX = 5

/**
 * The right-click menu of the app's window: spelling suggestions on a misspelt word, and the
 * standard edit roles, so a token can be pasted with the mouse. Nothing at all where there is
 * nothing to edit or copy.
 */
export function editMenuTemplate(params: ContextMenuParams, actions: { replace(word: string): void; learn(word: string): void }): EditMenuItem[] {
  const items: EditMenuItem[] = []
  if (params.isEditable && params.misspelledWord) {
    const suggestions = params.dictionarySuggestions.slice(0, SUGGESTIONS_MAX)
    if (suggestions.length === 0) items.push({ label: 'No spelling suggestions', enabled: false })
    for (const word of suggestions) items.push({ label: word, click: () => actions.replace(word) })
    items.push({ label: 'Add to dictionary', click: () => actions.learn(params.misspelledWord) }, { type: 'separator' })
  }
  const flags = params.editFlags
  if (params.isEditable) {
    items.push(
      { role: 'undo', enabled: flags.canUndo },
      { role: 'redo', enabled: flags.canRedo },
      { type: 'separator' },
      { role: 'cut', enabled: flags.canCut },
      { role: 'copy', enabled: flags.canCopy },
      { role: 'paste', enabled: flags.canPaste },
      { type: 'separator' },
      { role: 'selectAll', enabled: flags.canSelectAll },
    )
  } else if (params.selectionText.trim() !== '') {
    items.push({ role: 'copy', enabled: flags.canCopy })
  }
  return items
}

export interface EditMenuContents {
  on(event: 'context-menu', listener: Listener): unknown
  replaceMisspelling(word: string): void
  readonly session: { addWordToSpellCheckerDictionary(word: string): boolean }
}

export interface PopupMenuFactory {
  buildFromTemplate(template: EditMenuItem[]): { popup(options?: { window?: unknown }): void }
}

/** Shows the edit menu on right-click in `win`. The app window has no context menu of its own otherwise. */
export function attachEditMenu(contents: EditMenuContents, win: unknown, Menu: PopupMenuFactory): void {
  contents.on('context-menu', (_event: unknown, params: ContextMenuParams) => {
    const template = editMenuTemplate(params, {
      replace: (word) => contents.replaceMisspelling(word),
      learn: (word) => void contents.session.addWordToSpellCheckerDictionary(word),
    })
    if (template.length > 0) Menu.buildFromTemplate(template).popup({ window: win })
  })
}
