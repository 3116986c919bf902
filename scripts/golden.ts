/**
 * Writes src/engine/differential/golden/<scenario>.json: what real libostree leaves behind for each
 * scenario, normalized, so that the engine can be compared with it on machines without ostree.
 * Needs root and the `ostree` binary: `sudo npx tsx scripts/golden.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { format, resolveConfig } from 'prettier'
import { normalize } from '../src/engine/differential/normalize'
import { ostreeAvailable, runRealOstree } from '../src/engine/differential/realOstree'
import { SCENARIOS } from '../src/engine/differential/scenarios'

if (!ostreeAvailable()) {
  console.error('golden: needs root and the ostree binary (apt-get install ostree)')
  process.exit(1)
}

const dir = new URL('../src/engine/differential/golden/', import.meta.url)
mkdirSync(dir, { recursive: true })
for (const scenario of SCENARIOS) {
  const file = fileURLToPath(new URL(`${scenario.name}.json`, dir))
  const json = `${JSON.stringify(normalize(runRealOstree(scenario)), null, 2)}\n`
  // Through prettier with the project's options, so `prettier --check` accepts the file as written.
  const options = (await resolveConfig(file)) ?? {}
  writeFileSync(file, await format(json, { ...options, filepath: file }))
  console.log(`golden: wrote ${file}`)
}
