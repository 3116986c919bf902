import { fileURLToPath } from 'node:url'
import { defineConfig, mergeConfig } from 'vite'
import { viteSingleFile } from 'vite-plugin-singlefile'
import base from './vite.config'

// `npm run build:single`: the whole site in dist-single/index.html, scripts, styles, locales and
// tours inlined, so it opens from file:// with no server and no network.
export default mergeConfig(
  base,
  defineConfig({
    plugins: [viteSingleFile()],
    resolve: {
      // The engine worker's script goes into the page too, started from a blob.
      alias: [
        {
          find: /^\.\/spawn$/,
          replacement: fileURLToPath(new URL('src/ui/worker/spawn.inline.ts', import.meta.url)),
        },
      ],
    },
    build: { outDir: 'dist-single', emptyOutDir: true },
    // one file: the worker's chunks go into its script, which goes into the page
    worker: { format: 'iife' },
  }),
)
