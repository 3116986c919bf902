/**
 * The tour inside another page (a slide of a reveal.js or Slidev deck): it answers the host's
 * messages (messages.ts), tells it where it is, hands it the keys it does not use, and plays when
 * the slide is shown if the link asks (`autoplay`). Outside a frame there is no host: nothing is
 * posted, and `autoplay` plays once the tour is on screen.
 */
import { chaptersOf, findTour } from '../../scenarios/registry'
import { changeLocale } from '../store/locale'
import { stepsShown, type PlayerState, type PlayerStore } from '../store/playerStore'
import { openTour } from '../store/tours'
import { positionOf } from '../store/folds'
import { eventMessage, readMessage, type Command, type EventName, type HostState } from './messages'

export interface HostOptions {
  /** The origins that may drive the tour; null: the page that holds it, whatever its origin. */
  origins: readonly string[] | null
  autoplay: boolean
}

/** A key the tour does not use, as the host needs it to act on it (reveal's `triggerKey`). */
export interface KeyReport {
  key: string
  code: string
  keyCode: number
  shiftKey: boolean
  altKey: boolean
  ctrlKey: boolean
  metaKey: boolean
}

export interface Host {
  /** Inside another page's frame. */
  framed: boolean
  /** Gives the keys back to the host page and reports the key that did. */
  handBack(key: KeyReport): void
  disconnect(): void
}

/** Where the player is, as events tell the host. */
export function hostState(s: PlayerState): HostState {
  const shown = stepsShown(s)
  const tour = findTour(s.tourId)
  const chapter = s.timeline[s.cursor]?.chapter
  return {
    tour: s.tourId,
    step: s.cursor - s.first + 1,
    of: Math.max(0, s.timeline.length - s.first),
    position: positionOf(shown, s.cursor) + 1,
    total: shown.length,
    chapter: (tour && chapter !== undefined ? chaptersOf(tour)[chapter]?.id : undefined) ?? null,
    playing: s.playing,
    speed: s.speed,
    lang: s.locale,
    theme: s.theme,
  }
}

/** Runs a host's command on the player. */
function run(store: PlayerStore, command: Command): void {
  const s = store.getState()
  const { actions } = s
  switch (command.method) {
    case 'next':
      return actions.next()
    case 'prev':
      return actions.previous()
    case 'play':
      return actions.play()
    case 'pause':
      return actions.pause()
    case 'getState':
      return
    case 'goto':
      return actions.goTo(s.first + command.step - 1)
    case 'chapter': {
      const tour = findTour(s.tourId)
      const ids = tour ? chaptersOf(tour).map((c) => c.id) : []
      const index =
        typeof command.chapter === 'number' ? command.chapter - 1 : ids.indexOf(command.chapter)
      if (index >= 0) actions.goToChapter(index)
      return
    }
    case 'setState': {
      const { tour, step, playing, speed, lang, theme } = command.state
      if (speed !== undefined) actions.setSpeed(speed)
      if (theme !== undefined) actions.setTheme(theme)
      if (lang !== undefined && lang !== s.locale) void changeLocale(store, lang)
      if (tour !== undefined && tour !== s.tourId && findTour(tour)) {
        void openTour(store, tour, step === undefined ? null : step - 1)
        return
      }
      if (step !== undefined) actions.goTo(s.first + step - 1)
      // after the step: moving by hand pauses
      if (playing === true) actions.play()
      if (playing === false) actions.pause()
      return
    }
  }
}

/**
 * Connects the tour to the page that holds it. `win` is the tour's window (a test passes its own).
 */
export function connectHost(store: PlayerStore, options: HostOptions, win: Window = window): Host {
  const parent = win.parent
  const framed = parent !== win
  const { origins } = options

  const post = (eventName: EventName, extra?: Record<string, unknown>) => {
    if (!framed) return
    const message = eventMessage(eventName, hostState(store.getState()), extra)
    // with an allow-list, only those pages may read what the tour says
    for (const origin of origins ?? ['*']) parent.postMessage(message, origin)
  }

  const allowed = (event: MessageEvent) =>
    origins === null ? framed && event.source === parent : origins.includes(event.origin)

  const onMessage = (event: MessageEvent) => {
    if (!allowed(event)) return
    const message = readMessage(event.data)
    if (message === null) return
    if (message.kind === 'slide') {
      if (!message.shown) store.getState().actions.pause()
      else if (options.autoplay) play()
      return
    }
    // a deck may speak before the tour is computed: its commands run once it is
    if (store.getState().status.kind === 'ready') answer(message.command)
    else waiting.push(message.command)
  }
  const waiting: Command[] = []
  const answer = (command: Command) => {
    run(store, command)
    // `command`, not reveal's `method`: a deck runs any `method` a message names
    post('callback', { command: command.method, result: hostState(store.getState()) })
  }
  win.addEventListener('message', onMessage)

  // Play when asked, once the tour is ready (a slide shown before the tour computed plays then).
  let wantsPlay = false
  const play = () => {
    if (store.getState().status.kind === 'ready') store.getState().actions.play()
    else wantsPlay = true
  }

  // What the host hears of: the tour ready, each step, the end.
  let readySent = false
  let last = store.getState()
  const unsubscribe = store.subscribe((s) => {
    const before = last
    last = s
    if (s.status.kind !== 'ready') return
    if (!readySent) {
      readySent = true
      post('ready')
    } else if (
      before.status.kind === 'ready' &&
      s.cursor === before.cursor &&
      s.tourId === before.tourId
    ) {
      return
    } else {
      post('stepchanged')
      const shown = stepsShown(s)
      if (s.cursor === shown.at(-1) && shown.length > 1 && !s.arriving) post('ended')
    }
    if (wantsPlay) {
      wantsPlay = false
      s.actions.play()
    }
    for (const command of waiting.splice(0)) answer(command)
  })

  // The frame's size, for a host that sizes it to its content.
  let size = ''
  // (an old browser may lack the observers: the tour works without)
  const resize =
    typeof ResizeObserver !== 'function'
      ? null
      : new ResizeObserver(() => {
          const { scrollWidth: width, scrollHeight: height } = win.document.documentElement
          if (`${width}x${height}` === size) return
          size = `${width}x${height}`
          post('resize', { width, height })
        })
  if (framed) resize?.observe(win.document.documentElement)

  // A slide that is left does not play; `autoplay` plays it when it is shown. Reveal says both by
  // message; a deck that does not is read from the frame's place: out of view, it pauses; seen
  // (in view, and not hidden, covered or faded, which only a browser that tracks visibility can
  // tell: a deck lays out the next slide hidden), it plays.
  let seen = !framed
  const view =
    typeof IntersectionObserver !== 'function'
      ? null
      : new IntersectionObserver(
          ([entry]) => {
            if (!entry) return
            // half the frame in view, at least
            const { width, height } = entry.intersectionRect
            const inView = width * height >= 0.5 * win.innerWidth * win.innerHeight
            const visible = (entry as { isVisible?: boolean }).isVisible === true
            if (!inView && seen) {
              seen = false
              store.getState().actions.pause()
            } else if (inView && visible && !seen) {
              seen = true
              if (options.autoplay) play()
            }
          },
          // `trackVisibility` (Chromium) reports what is really seen, at most every 100 ms
          {
            threshold: [0, 0.25, 0.5, 0.75, 1],
            trackVisibility: true,
            delay: 100,
          } as IntersectionObserverInit,
        )
  if (framed) view?.observe(win.document.documentElement)
  else if (options.autoplay) play()

  return {
    framed,
    handBack(key) {
      const active = win.document.activeElement
      if (active instanceof HTMLElement) active.blur()
      try {
        // the host page takes the keys again (allowed across origins; a host may do it too)
        parent.focus()
      } catch {
        // a host that forbids it gets the key all the same
      }
      post('keydown', { ...key })
    },
    disconnect() {
      win.removeEventListener('message', onMessage)
      unsubscribe()
      resize?.disconnect()
      view?.disconnect()
    },
  }
}
