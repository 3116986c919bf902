// The built site the benchmarks in Chromium measure: built into dist-bench/ unless BENCH_DIST names
// a site already built, and served by `vite preview` on `port`, once it answers.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..')
export const DIST = process.env.BENCH_DIST ?? 'dist-bench'
const vite = join(root, 'node_modules/.bin/vite')

/** Serves the built site on `port`; `close` stops the server. */
export async function serveSite(port) {
  if (!process.env.BENCH_DIST || !existsSync(join(root, DIST, 'index.html'))) {
    console.log(`building the site into ${DIST}/ …`)
    const build = spawn(vite, ['build', '--outDir', DIST, '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    })
    await new Promise((resolve, reject) =>
      build.on('exit', (code) => (code === 0 ? resolve() : reject(new Error('build failed')))),
    )
  }
  const server = spawn(
    vite,
    ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', DIST],
    { cwd: root, stdio: 'ignore' },
  )
  const url = `http://127.0.0.1:${port}/`
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(url)).ok) break
    } catch {
      if (i > 100) throw new Error(`vite preview did not start on ${url}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  return { url, close: () => server.kill() }
}
