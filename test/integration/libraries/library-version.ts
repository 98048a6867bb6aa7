import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/** `name version` of an installed library, read from its own package.json, for the test titles and log. */
export function libraryVersion(name: string): string {
  const pkg = require(`${name}/package.json`) as { version: string }
  return `${name} ${pkg.version}`
}
