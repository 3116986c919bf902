/** Starts the engine worker from its own script file (the site's build). */
export function spawnEngineWorker(): Worker {
  return new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' })
}
