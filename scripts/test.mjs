#!/usr/bin/env node
// `npm test`: every check the project has: type check, lint and format check (side by side, each
// printed when it ends), then unit tests (Vitest, report in reports/unit.json), then e2e tests
// (Playwright against the built site, report in reports/e2e.json). Every check runs even when an
// earlier one fails, so one run shows all that is wrong; the exit code is non-zero if any failed.
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => join(root, 'node_modules', '.bin', name)
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

// Quick and independent: run together, their output held until each ends.
const together = [
  { name: 'type check', command: npm, args: ['run', '--silent', 'typecheck'] },
  { name: 'lint', command: npm, args: ['run', '--silent', 'lint'] },
  { name: 'format check', command: npm, args: ['run', '--silent', 'format'] },
]

const inTurn = [
  {
    name: 'unit tests',
    command: bin('vitest'),
    args: ['run', '--reporter=default', '--reporter=json', '--outputFile.json=reports/unit.json'],
  },
  { name: 'e2e tests', command: process.execPath, args: [join(root, 'scripts', 'e2e.mjs')] },
]

// Stale reports would be counted as this run's results.
rmSync(join(root, 'reports'), { recursive: true, force: true })
mkdirSync(join(root, 'reports'), { recursive: true })

/** Runs `check` with its output captured; prints it with the heading when the check ends. */
function runCaptured(check) {
  const started = performance.now()
  return new Promise((resolve) => {
    const child = spawn(check.command, check.args, { cwd: root })
    const output = []
    child.stdout.on('data', (chunk) => output.push(chunk))
    child.stderr.on('data', (chunk) => output.push(chunk))
    let ended = false
    const end = (ok, error) => {
      if (ended) return
      ended = true
      console.log(`\n=== ${check.name} ===`)
      process.stdout.write(Buffer.concat(output))
      if (error) console.error(error.message)
      const seconds = Number(((performance.now() - started) / 1000).toFixed(1))
      resolve({ name: check.name, ok, seconds })
    }
    child.on('error', (error) => end(false, error))
    child.on('close', (code) => end(code === 0))
  })
}

const results = await Promise.all(together.map(runCaptured))
for (const check of inTurn) {
  console.log(`\n=== ${check.name} ===`)
  const started = performance.now()
  const run = spawnSync(check.command, check.args, { cwd: root, stdio: 'inherit' })
  const ok = run.status === 0
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  if (run.error) console.error(run.error.message)
  results.push({ name: check.name, ok, seconds: Number(seconds) })
}

writeFileSync(join(root, 'reports', 'checks.json'), JSON.stringify(results, null, 2) + '\n')

console.log('\n=== summary ===')
for (const r of results) console.log(`${r.ok ? 'ok    ' : 'FAILED'} ${r.name} (${r.seconds} s)`)
process.exit(results.every((r) => r.ok) ? 0 : 1)
