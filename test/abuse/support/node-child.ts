import { builtinModules } from 'node:module'
import { join, resolve } from 'node:path'
import { build } from 'vite'

/**
 * One Node file holding a test child and everything it imports (the product's modules are TS),
 * for tests that kill a real process: returns its path under `outDir/bin`.
 */
export async function buildNodeChild(entry: string, outDir: string, options: { minify?: boolean; external?: string[] } = {}): Promise<string> {
  const fileName = `${entry.split('/').pop()!.replace(/\.ts$/, '')}.mjs`
  await build({
    configFile: false,
    logLevel: 'silent',
    root: resolve(import.meta.dirname, '../../..'),
    ssr: { noExternal: true },
    build: {
      ssr: entry,
      outDir: join(outDir, 'bin'),
      emptyOutDir: true,
      target: 'node20',
      minify: options.minify ?? false,
      rollupOptions: {
        external: [...(options.external ?? []), ...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
        output: { format: 'es', entryFileNames: fileName },
      },
    },
  })
  return join(outDir, 'bin', fileName)
}
