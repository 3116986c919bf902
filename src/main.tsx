/**
 * The page's start. It asks the engine worker for the tour before it loads React and the
 * interface, so the engine computes while they load: the first step is ready as soon as they are.
 */
import { DEFAULT_TOUR_ID, registry } from './scenarios/registry'
import { connectHost } from './ui/embed/host'
import { browserStorage, savedOs } from './ui/embed/savedSandbox'
import { parseUrl } from './ui/embed/urlState'
import { createPlayerStore } from './ui/store/playerStore'
import { changeLocale } from './ui/store/locale'
import { openTour } from './ui/store/tours'
import './ui/app.css'

const request = parseUrl(location.search, {
  tourIds: registry.map((tour) => tour.id),
  defaultTourId: DEFAULT_TOUR_ID,
  languages: navigator.languages,
})

const params = new URLSearchParams(location.search)
// A visit without a link to a tour opens on what CoreOS is and which tour to take.
const linked = ['tour', 'step', 'actions'].some((name) => params.has(name))
// The sandbox opens on the system the reader used last, unless the link names one or has actions.
const lastOs =
  request.embed || params.has('os') || params.has('actions') ? null : savedOs(browserStorage())
const store = createPlayerStore({
  tourId: request.tourId,
  theme: request.theme,
  embed: request.embed,
  intro: !request.embed && !linked,
  os: lastOs ?? request.os,
  panels: request.panels,
  controls: request.controls,
  speed: request.speed,
  scale: request.scale,
})
for (const message of request.notices) store.getState().actions.notify(message)
// before anything waits: a deck's first message may come as soon as the frame loads
const host = connectHost(store, { origins: request.origins, autoplay: request.autoplay })

// The engine starts on the tour while the interface, the panels and the locale load.
void openTour(store, request.tourId, request.step, request.actions, { range: request })
const interfaceLoaded = Promise.all([
  import('react'),
  import('react-dom/client'),
  import('./ui/App'),
  // The first frame is already in the right language: wait for its texts (English ships inline).
  changeLocale(store, request.locale),
])
const [{ StrictMode }, { createRoot }, { App, loadStage }] = await interfaceLoaded
void loadStage()

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root')

createRoot(root).render(
  <StrictMode>
    <App store={store} host={host} />
  </StrictMode>,
)
