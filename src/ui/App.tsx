import { useSyncExternalStore } from 'react'
import type StageType from './stage/Stage'
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

type StageComponent = typeof StageType
let LoadedStage: StageComponent | null = null
const stageLoading = new Set<() => void>()

/**
 * The panels, in a chunk of their own: the page starts loading it while the engine computes the
 * first steps (main.tsx), so both are ready together. Once loaded it renders as any component:
 * through `lazy` and Suspense, its first render waited on later updates (the tour's steps arriving)
 * before it showed.
 */
export function loadStage(): Promise<StageComponent> {
  return import('./stage/Stage').then(({ default: Stage }) => {
    LoadedStage = Stage
    for (const listener of stageLoading) listener()
    return Stage
  })
}

const useStage = () =>
  useSyncExternalStore(
    (listener) => {
      stageLoading.add(listener)
      if (!LoadedStage) void loadStage()
      return () => stageLoading.delete(listener)
    },
    () => LoadedStage,
  )

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
  const arriving = usePlayer((s) => s.arriving)
  const loaded = usePlayer((s) => s.status.kind !== 'loading')
  useDocumentSettings()
  useUrlSync(store)
  useSandboxSave(store)
  usePlayerKeys(store, host)
  usePlayback()
  return (
    <div
      className="app"
      data-embed={embed ? '' : undefined}
      data-controls={controls}
      // the tour's later steps are still being computed
      data-arriving={arriving ? '' : undefined}
    >
      {embed ? <h1 className="visually-hidden">{t('app.title')}</h1> : <Header />}
      {!embed && <Intro />}
      <main className="main">
        <Notices />
        <StageArea />
      </main>
      {/* drawn with the first step: a player that grew under the reader's eyes would shift the page */}
      {loaded && (
        <footer className="player">
          {controls === 'full' && <ChapterLine />}
          <CaptionBar />
          {controls === 'full' && <FoldLine />}
          <ForkNotice />
          {controls !== 'none' && <Controls />}
        </footer>
      )}
    </div>
  )
}

function StageArea() {
  const t = useT()
  const status = usePlayer((s) => s.status)
  const Stage = useStage()
  if (status.kind === 'error') {
    return (
      <p className="stage-message error" role="alert">
        {t('status.error', { message: status.message })}
      </p>
    )
  }
  if (status.kind === 'loading' || !Stage)
    return <p className="stage-message">{t('status.loading')}</p>
  return <Stage />
}
