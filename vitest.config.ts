import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: [
      'test/unit/**/*.test.ts',
      'test/integration/**/*.test.ts',
      'test/abuse/**/*.test.ts',
      'test/static/**/*.test.ts',
      'test/packaging/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Importing the real `electron` package under Node tries to download the binary and throws.
    // Every test that touches an Electron adapter gets the recording fake instead.
    alias: { electron: new URL('./test/fakes/electron.ts', import.meta.url).pathname },
    pool: 'forks',
  },
})
