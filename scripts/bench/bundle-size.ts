import { mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import react from '@vitejs/plugin-react'
import { build } from 'vite'
import { repoRoot } from './processes'

/** Gzip bytes (zlib's default level) of every .js file under `dir`, each compressed on its own. */
export async function jsGzipBytes(dir: string): Promise<number> {
  let total = 0
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue
    total += gzipSync(await readFile(join(entry.parentPath, entry.name))).length
  }
  return total
}

const BARE_HTML = `<!doctype html>
<html lang="en">
  <head><meta charset="UTF-8" /><title>Bare React</title></head>
  <body><div id="root"></div><script type="module" src="./main.jsx"></script></body>
</html>
`

const BARE_MAIN = `import { createRoot } from 'react-dom/client'
createRoot(document.getElementById('root')).render(<h1>Token Desk</h1>)
`

export interface BareApp {
  /** The built app: index.html and assets/. */
  dir: string
  remove(): Promise<void>
}

/**
 * The baseline renderer: createRoot rendering one <h1>, with the React installed here, built by
 * vite and @vitejs/plugin-react with the renderer's build options (minify, no source maps, base ./).
 */
export async function buildBareReactApp(): Promise<BareApp> {
  const root = await mkdtemp(join(tmpdir(), 'token-desk-bare-react-'))
  try {
    // The temp folder resolves react and react-dom from this repository's node_modules.
    await symlink(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir')
    await writeFile(join(root, 'index.html'), BARE_HTML)
    await writeFile(join(root, 'main.jsx'), BARE_MAIN)
    const outDir = join(root, 'dist')
    await build({
      configFile: false,
      root,
      base: './',
      logLevel: 'warn',
      plugins: [react()],
      build: { outDir, emptyOutDir: true, sourcemap: false, minify: true },
    })
    return { dir: outDir, remove: () => rm(root, { recursive: true, force: true }) }
  } catch (error) {
    await rm(root, { recursive: true, force: true })
    throw error
  }
}
