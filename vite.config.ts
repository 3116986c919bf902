/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import { availableParallelism } from 'node:os'
import react from '@vitejs/plugin-react'

/**
 * The project's modules run nothing when imported (the engine is pure functions and data), its
 * stylesheets aside: one that no import uses is left out, even when an index re-exports it.
 */
const ourModulesArePure = {
  moduleSideEffects: (id: string) => !id.includes('/src/') || id.endsWith('.css'),
}

// base './' keeps every asset URL relative, so dist/ works under any sub-path.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    target: 'es2022',
    sourcemap: false,
    rollupOptions: { treeshake: ourModulesArePure },
  },
  worker: {
    // a module worker: the shell and the Hard links model are chunks it loads when first needed
    format: 'es',
    rollupOptions: { treeshake: ourModulesArePure },
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/testSetup.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // Vitest leaves a core free by default: one worker on two cores. The tests are CPU-bound, and
    // a second takes the unit tests from 226 to 135 s there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
})
