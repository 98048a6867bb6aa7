// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

const layering = {
  core: {
    paths: [
      { name: 'electron', message: 'main/core is platform-free: take Electron objects through a port.' },
      { name: 'electron-store', message: 'main/core uses conf; electron-store lives in main/shell.' },
    ],
    patterns: [{ group: ['**/shell/**', '**/web/**', '**/cli/**'], message: 'main/core must not depend on its hosts.' }],
  },
  // Shared with the renderer, so it stays pure: no Node, no Electron, nothing but itself and the contract.
  families: {
    patterns: [
      { regex: '^(?!\\./|(\\.\\./){3}preload/api$)', message: 'main/core/families is imported by the renderer: it may import only ./ files and preload/api.' },
    ],
  },
  renderer: {
    paths: [{ name: 'electron', message: 'The renderer has no Electron: use window.tokenDesk.' }],
    patterns: [
      {
        regex: '(^|/)main(/(?!core/families$)|$)',
        message: 'The renderer may only import preload/api.ts and the pure main/core/families.',
      },
      { group: ['node:*'], message: 'The renderer runs sandboxed, without Node.' },
    ],
  },
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'test/fixtures/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.web.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      // ipcMain is reached only through main/shell/ipc.ts (registerHandler).
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='ipcMain']", message: 'Use registerHandler from main/shell/ipc.ts.' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { project: false, projectService: false },
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' },
    },
  },
  {
    files: ['main/shell/ipc.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['main/cli/**/*.ts', 'scripts/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
  { files: ['main/core/**/*.ts'], rules: { 'no-restricted-imports': ['error', layering.core] } },
  { files: ['main/core/families/**/*.ts'], rules: { 'no-restricted-imports': ['error', layering.families] } },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', layering.renderer],
    },
  },
)
