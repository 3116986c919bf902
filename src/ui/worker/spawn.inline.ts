/**
 * Starts the engine worker from a script inlined in the page: the one-file build
 * (vite.single.config.ts) has no other file to load it from.
 */
import EngineWorker from './engine.worker?worker&inline'

export function spawnEngineWorker(): Worker {
  return new EngineWorker()
}
