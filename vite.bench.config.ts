import { builtinModules } from 'node:module'
import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import pkg from './package.json' with { type: 'json' }

const external = [
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies),
  ...Object.keys(pkg.devDependencies),
]

// `npm run bench`: the benchmark (scripts/bench/*.ts, with the core it measures) as Node ESM,
// and the bare static server that stands in for a minimal web app as the baseline.
export default defineConfig({
  build: {
    outDir: 'out/bench',
    emptyOutDir: true,
    ssr: true,
    target: 'node20',
    sourcemap: false,
    minify: false,
    rollupOptions: {
      input: { bench: resolve('scripts/bench/main.ts'), 'bare-server': resolve('scripts/bench/bare-server.ts') },
      external: (id) => external.some((e) => id === e || id.startsWith(`${e}/`)),
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
})
