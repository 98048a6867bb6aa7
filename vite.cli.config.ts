import { chmodSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import pkg from './package.json' with { type: 'json' }

/**
 * Dependencies every run loads, bundled into the one file with what they depend on (Ajv, semver
 * and the rest). Loaded from node_modules they are some 270 files (zod's ES modules, conf's and
 * electron-log's CommonJS), and every file Node loads costs memory: bundled, an idle
 * `token-desk serve` keeps about 4.5 MB less. The rest stay external: the OS keyring is a native
 * binary, undici is required only when a proxy is set, and the others are the desktop app's.
 */
const bundled = ['zod', 'conf', 'electron-log']

const external = [
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies).filter((d) => !bundled.includes(d)),
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
  // Bundle every package the external list does not name, so the bundled ones' own dependencies come too.
  ssr: { noExternal: true },
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
