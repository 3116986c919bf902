// Every test file runs with the engine's shell loaded, as the site loads it before running a typed
// line (scenarios/shell.ts): tests call the engine synchronously.
import { loadShell } from './scenarios/shell'

await loadShell()
