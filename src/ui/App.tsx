import { lazy, Suspense } from 'react'
import { useSandboxSave } from './embed/useSandboxSave'
import { useUrlSync } from './embed/useUrlSync'
import type { Host } from './embed/host'
import { usePlayerKeys } from './embed/usePlayerKeys'
import { Header } from './shell/Header'
import { Intro } from './shell/Intro'
import { Notices } from './shell/Notices'
import { FoldLine } from './shell/FoldLine'
import { CaptionBar, ChapterLine, Controls, ForkNotice } from './shell/PlayerBar'
import { useDocumentSettings } from './shell/useDocumentSettings'
import type { PlayerStore } from './store/playerStore'
import { usePlayback } from './store/usePlayback'
import { PlayerContext, usePlayer } from './store/usePlayer'
import { useT } from './useT'

// The panels draw the engine's machine and import its queries: they load with the first tour.
const Stage = lazy(() => import('./stage/Stage'))

/** `host`: the page that holds the tour, when it is embedded (embed/host.ts). */
export function App({ store, host = null }: { store: PlayerStore; host?: Host | null }) {
  return (
    <PlayerContext.Provider value={store}>
      <Shell store={store} host={host} />
    </PlayerContext.Provider>
  )
}

function Shell({ store, host }: { store: PlayerStore; host: Host | null }) {
  const t = useT()
  const embed = usePlayer((s) => s.embed)
  const controls = usePlayer((s) => s.controls)
  useDocumentSettings()
  useUrlSync(store)
  useSandboxSave(store)
  usePlayerKeys(store, host)
  usePlayback()
  return (
    <div className="app" data-embed={embed ? '' : undefined} data-controls={controls}>
      {embed ? <h1 className="visually-hidden">{t('app.title')}</h1> : <Header />}
      {!embed && <Intro />}
      <main className="main">
        <Notices />
        <StageArea />
      </main>
      <footer className="player">
        {controls === 'full' && <ChapterLine />}
        <CaptionBar />
        {controls === 'full' && <FoldLine />}
        <ForkNotice />
        {controls !== 'none' && <Controls />}
      </footer>
    </div>
  )
}

function StageArea() {
  const t = useT()
  const status = usePlayer((s) => s.status)
  if (status.kind === 'error') {
    return (
      <p className="stage-message error" role="alert">
        {t('status.error', { message: status.message })}
      </p>
    )
  }
  const loading = <p className="stage-message">{t('status.loading')}</p>
  if (status.kind === 'loading') return loading
  return (
    <Suspense fallback={loading}>
      <Stage />
    </Suspense>
  )
}
