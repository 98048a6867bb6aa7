import { chmodSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import pkg from './package.json' with { type: 'json' }

const external = [
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies),
  'electron',
]

// The `token-desk` command (CLI, web host, practice sandbox) as one Node ESM file.
export default defineConfig({
  // The bin must stay executable after every rebuild: `npx token-desk` runs the file itself.
  plugins: [
    {
      name: 'executable-bin',
      writeBundle(options) {
        chmodSync(resolve(options.dir ?? 'out/cli', 'token-desk.js'), 0o755)
      },
    },
  ],
  build: {
    outDir: 'out/cli',
    emptyOutDir: true,
    ssr: resolve('main/cli/index.ts'),
    target: 'node20',
    sourcemap: false,
    minify: false,
    rollupOptions: {
      external: (id) => external.some((e) => id === e || id.startsWith(`${e}/`)),
      output: { format: 'es', entryFileNames: 'token-desk.js', banner: '#!/usr/bin/env node' },
    },
  },
})
