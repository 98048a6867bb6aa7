import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { ROOT } from './electronegativity'

/** Production TypeScript: main/** and preload/**. */
function productionFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? walk(path) : name.endsWith('.ts') ? [path] : []
    })
  return [...walk(join(ROOT, 'main')), ...walk(join(ROOT, 'preload'))]
}

const sources = productionFiles().map((path) => ({
  file: relative(ROOT, path),
  source: ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true),
}))

function visit(node: ts.Node, fn: (node: ts.Node) => void): void {
  fn(node)
  node.forEachChild((child) => visit(child, fn))
}

function each<T extends ts.Node>(guard: (node: ts.Node) => node is T, fn: (node: T, file: string, sf: ts.SourceFile) => void): void {
  for (const { file, source } of sources) visit(source, (node) => guard(node) && fn(node, file, source))
}

const nameOf = (expr: ts.Expression): string =>
  ts.isIdentifier(expr) ? expr.text : ts.isPropertyAccessExpression(expr) ? expr.name.text : ''

const where = (node: ts.Node, file: string, sf: ts.SourceFile) => `${file}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`

function property(obj: ts.ObjectLiteralExpression, key: string): ts.PropertyAssignment | undefined {
  return obj.properties.find(
    (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === key,
  )
}

const REQUIRED: Record<string, ts.SyntaxKind> = {
  contextIsolation: ts.SyntaxKind.TrueKeyword,
  sandbox: ts.SyntaxKind.TrueKeyword,
  nodeIntegration: ts.SyntaxKind.FalseKeyword,
  webSecurity: ts.SyntaxKind.TrueKeyword,
}
const FORBIDDEN = ['allowRunningInsecureContent', 'experimentalFeatures', 'enableBlinkFeatures', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'webviewTag']

describe('static checks over main/ and preload/', () => {
  it('every new BrowserWindow / BrowserView / WebContentsView passes the hardened options literally (R1, R2)', () => {
    const problems: string[] = []
    const windows: string[] = []
    each(ts.isNewExpression, (node, file, sf) => {
      const ctor = nameOf(node.expression)
      if (!['BrowserWindow', 'BrowserView', 'WebContentsView'].includes(ctor)) return
      windows.push(file)
      const options = node.arguments?.[0]
      const prefs = options && ts.isObjectLiteralExpression(options) ? property(options, 'webPreferences') : undefined
      if (!prefs || !ts.isObjectLiteralExpression(prefs.initializer)) {
        problems.push(`${where(node, file, sf)}: no literal webPreferences`)
        return
      }
      const literal = prefs.initializer
      for (const [key, kind] of Object.entries(REQUIRED)) {
        if (property(literal, key)?.initializer.kind !== kind) problems.push(`${where(node, file, sf)}: ${key} must be ${ts.tokenToString(kind)}`)
      }
      for (const key of FORBIDDEN) if (property(literal, key)) problems.push(`${where(node, file, sf)}: ${key} is set`)
      if (literal.properties.some((p) => ts.isSpreadAssignment(p))) problems.push(`${where(node, file, sf)}: spread in webPreferences`)
      const partition = property(literal, 'partition')
      if (partition && property(literal, 'preload')) problems.push(`${where(node, file, sf)}: a login partition window must have no preload`)
    })
    expect(problems).toEqual([])
    // The main window and the login window, nothing else and nothing missed.
    expect(windows.sort()).toEqual(['main/shell/login-window.ts', 'main/shell/main-window.ts'])
  })

  it('ipcMain is used only in main/shell/ipc.ts (R10)', () => {
    const users = new Set<string>()
    each(ts.isPropertyAccessExpression, (node, file) => {
      if (nameOf(node.expression) === 'ipcMain') users.add(file)
    })
    expect([...users]).toEqual(['main/shell/ipc.ts'])
  })

  it('only the cipher module imports safeStorage (R15)', () => {
    const users = new Set<string>()
    each(ts.isImportSpecifier, (node, file) => {
      if ((node.propertyName ?? node.name).text === 'safeStorage') users.add(file)
    })
    each(ts.isPropertyAccessExpression, (node, file) => {
      if (node.name.text === 'safeStorage') users.add(file)
    })
    expect([...users]).toEqual(['main/shell/safe-storage-cipher.ts'])
  })

  it('nothing loads a file or a file: URL (R8)', () => {
    const problems: string[] = []
    each(ts.isCallExpression, (node, file, sf) => {
      if (nameOf(node.expression) === 'loadFile') problems.push(where(node, file, sf))
    })
    const literal = (node: ts.Node): node is ts.StringLiteralLike => ts.isStringLiteralLike(node)
    each(literal, (node, file, sf) => {
      // The one exception: an argument the AWS preset hands to the aws CLI (its file:// parameter
      // syntax for standard input), never a URL anything here loads.
      const awsStdin = file === 'main/core/deliveries/presets.ts' && node.text === 'file:///dev/stdin'
      if (/^file:/i.test(node.text) && !awsStdin) problems.push(`${where(node, file, sf)}: ${node.text}`)
    })
    expect(problems).toEqual([])
  })

  it('no store is constructed at module scope (R21)', () => {
    const problems: string[] = []
    for (const { file, source } of sources) {
      for (const statement of source.statements) {
        visit(statement, (node) => {
          if (ts.isNewExpression(node) && /^(Store|ElectronStore|Conf)$/.test(nameOf(node.expression))) {
            let parent: ts.Node | undefined = node.parent
            while (parent && !ts.isFunctionLike(parent) && !ts.isClassLike(parent)) parent = parent.parent
            if (!parent) problems.push(where(node, file, source))
          }
        })
      }
    }
    expect(problems).toEqual([])
  })

  it('openExternal is called in exactly one module (R5)', () => {
    const users = new Set<string>()
    each(ts.isCallExpression, (node, file) => {
      if (nameOf(node.expression) === 'openExternal') users.add(file)
    })
    expect([...users]).toEqual(['main/shell/external-links.ts'])
  })

  it('the preload calls exposeInMainWorld once and never hands out ipcRenderer (R9)', () => {
    const calls: string[] = []
    each(ts.isCallExpression, (node, file) => {
      if (nameOf(node.expression) === 'exposeInMainWorld') calls.push(file)
    })
    expect(calls).toEqual(['preload/index.ts'])
    const preload = sources.find((s) => s.file === 'preload/index.ts')!.source
    const exposed: string[] = []
    visit(preload, (node) => {
      if (ts.isCallExpression(node) && nameOf(node.expression) === 'exposeInMainWorld') exposed.push(node.arguments[1]!.getText(preload))
    })
    expect(exposed.join()).not.toMatch(/ipcRenderer|process|require/)
  })

  it('the Tray lives in a module-scope variable (R33)', () => {
    const tray = sources.find((s) => s.file === 'main/shell/tray.ts')!.source
    const moduleVars = tray.statements
      .filter(ts.isVariableStatement)
      .flatMap((s) => s.declarationList.declarations.map((d) => d.name.getText(tray)))
    expect(moduleVars).toContain('trayRef')
    let assigned = false
    visit(tray, (node) => {
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && node.left.getText(tray) === 'trayRef') {
        if (node.right.getText(tray) === 'tray') assigned = true
      }
    })
    expect(assigned).toBe(true)
  })

  it('no script injection into pages and no silenced security warnings', () => {
    const problems: string[] = []
    each(ts.isCallExpression, (node, file, sf) => {
      if (['executeJavaScript', 'insertCSS', 'executeJavaScriptInIsolatedWorld'].includes(nameOf(node.expression))) problems.push(where(node, file, sf))
    })
    for (const { file, source } of sources) {
      if (source.text.includes('ELECTRON_DISABLE_SECURITY_WARNINGS')) problems.push(file)
    }
    expect(problems).toEqual([])
  })

  it('the renderer HTML (source and build) has no inline script (R7)', () => {
    for (const html of ['renderer/index.html', 'out/renderer/index.html'].map((f) => join(ROOT, f)).filter((f) => existsSync(f))) {
      const scripts = [...readFileSync(html, 'utf8').matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
      expect(scripts.length, html).toBeGreaterThan(0)
      for (const [, attributes, body] of scripts) {
        expect(attributes, html).toMatch(/\bsrc=/)
        expect(body?.trim(), html).toBe('')
      }
    }
  })
})
