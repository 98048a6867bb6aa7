// npm run bench: builds the benchmark (vite.bench.config.ts) and runs it. Figures go to stdout,
// one line each; progress goes to stderr. Run `npm run build` first (the npm script does).
import { build } from 'vite'

await build({ configFile: 'vite.bench.config.ts', logLevel: 'warn' })
const bench = await import('../out/bench/bench.js')
process.exitCode = await bench.run()
