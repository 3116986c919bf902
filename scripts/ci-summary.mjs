#!/usr/bin/env node
// Prints, as its last line, `N passed, N failed` (and `, N skipped` when some were), adding up the
// Vitest report (reports/unit.json) and the Playwright report (reports/e2e.json). A missing report
// and a failed static check (reports/checks.json: type check, lint, format) count as failures, so
// the line never reads "0 failed" for a run that failed. Exits non-zero on any failure.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const reports = join(dirname(fileURLToPath(import.meta.url)), '..', 'reports')
const read = (name) => {
  const path = join(reports, name)
  if (!existsSync(path)) return null
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return null
  }
}

let passed = 0
let failed = 0
let skipped = 0
const notes = []

const unit = read('unit.json')
if (unit) {
  passed += unit.numPassedTests ?? 0
  failed += unit.numFailedTests ?? 0
  skipped += (unit.numPendingTests ?? 0) + (unit.numTodoTests ?? 0)
  // A test file that fails to load has no failed test, but the run failed.
  if (unit.success === false && (unit.numFailedTests ?? 0) === 0) {
    failed += 1
    notes.push('unit tests: the run failed (a test file did not load)')
  }
} else {
  failed += 1
  notes.push('unit tests: no report (reports/unit.json)')
}

const e2e = read('e2e.json')
if (e2e?.stats) {
  passed += (e2e.stats.expected ?? 0) + (e2e.stats.flaky ?? 0)
  failed += e2e.stats.unexpected ?? 0
  skipped += e2e.stats.skipped ?? 0
  if ((e2e.errors ?? []).length > 0 && (e2e.stats.unexpected ?? 0) === 0) {
    failed += 1
    notes.push('e2e tests: the run reported errors outside tests')
  }
} else {
  failed += 1
  notes.push('e2e tests: no report (reports/e2e.json)')
}

for (const check of read('checks.json') ?? []) {
  if (check.ok || check.name === 'unit tests' || check.name === 'e2e tests') continue
  failed += 1
  notes.push(`${check.name}: failed`)
}

for (const note of notes) console.log(note)
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 ? 1 : 0)
