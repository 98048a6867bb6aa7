// Sums both runners' JSON reports, and names each failed test with the first line of its error:
// CI keeps only the tail of what `npm test` printed, so the names must come last.
import { existsSync, readFileSync } from 'node:fs'
import { stripVTControlCharacters } from 'node:util'

const firstLine = (text) => stripVTControlCharacters(String(text ?? '')).trim().split('\n')[0].slice(0, 300)

export function summarize(vitestJson, pwJson, runnersOk) {
  let passed = 0
  let failed = 0
  let skipped = 0
  const failures = []
  if (existsSync(vitestJson)) {
    const v = JSON.parse(readFileSync(vitestJson, 'utf8'))
    passed += v.numPassedTests
    failed += v.numFailedTests
    skipped += v.numPendingTests + v.numTodoTests
    for (const file of v.testResults ?? []) {
      const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed')
      for (const t of failedTests) failures.push(`vitest ${file.name}: ${t.fullName}\n    ${firstLine(t.failureMessages?.[0])}`)
      // A file that fails to load has no failed test, only its own message.
      if (file.status === 'failed' && failedTests.length === 0) failures.push(`vitest ${file.name}\n    ${firstLine(file.message)}`)
    }
  } else failed += 1
  if (existsSync(pwJson)) {
    const report = JSON.parse(readFileSync(pwJson, 'utf8'))
    const s = report.stats
    passed += s.expected + s.flaky
    failed += s.unexpected
    skipped += s.skipped
    const walk = (suite, titles) => {
      for (const spec of suite.specs ?? []) {
        for (const test of spec.tests ?? []) {
          if (test.status !== 'unexpected') continue
          const error = test.results?.at(-1)?.error?.message
          failures.push(`playwright ${spec.file}:${spec.line}: ${[...titles, spec.title].join(' › ')}\n    ${firstLine(error)}`)
        }
      }
      // The outermost suite's title is its file name; the nested ones are `describe` blocks.
      for (const child of suite.suites ?? []) walk(child, [...titles, child.title])
    }
    for (const suite of report.suites ?? []) walk(suite, [])
  } else failed += 1
  if (!runnersOk) failed = Math.max(failed, 1)
  return { passed, failed, skipped, failures }
}
