import {
  Activity,
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react'
import { focusOf, PANEL_IDS, type Focus, type PanelId } from '../../scenarios/focus'
import { findTour } from '../../scenarios/registry'
import { ShownContext, type Shown } from '../store/useShown'
import { LazyPanel, usePanelsLoaded } from './lazyPanels'
import { usePlayer } from '../store/usePlayer'
import { useT } from '../useT'

/** One element per panel, made once: React skips a panel whose element and step did not change. */
const PANELS = Object.fromEntries(
  PANEL_IDS.map((id) => [id, <LazyPanel key={id} id={id} />]),
) as Record<PanelId, ReactNode>

/** Wide enough for two panels side by side (a 1280 px laptop, a 1440 px desktop). */
const TWO_COLUMNS = '(min-width: 75rem)'

/** What the stage points at when the focus names no element: what the step changed there. */
const CHANGED = [
  '.touched-row',
  '.card.touched',
  '[data-change]',
  '.touched',
  '[aria-current="step"]',
].join(',')

/** How long after a step its panels may still draw what it is about (a measured diagram, a model). */
const SETTLE_MS = 1500

/**
 * Rings the element a step is about in `slot` and scrolls it into view there: the element named
 * `element` (a `data-focus` value), else what the step changed. A panel may draw it a moment
 * later (a diagram measures its width first; a model arrives from the engine worker), so for a
 * moment the slot is watched, and the ring follows what is drawn. Returns what stops watching.
 */
function pointAt(slot: Element, element: string | undefined): () => void {
  const selector = element ? `[data-focus="${CSS.escape(element)}"]` : null
  const named = () => (selector ? slot.querySelector(selector) : null)
  // what the step changed, among what is drawn (not inside a closed disclosure)
  const changed = () =>
    [...slot.querySelectorAll(CHANGED)].find((e) => e.getClientRects().length > 0) ?? null
  // undefined: nothing decided yet, so the first look clears the ring of the step before
  let ringed: Element | null | undefined = undefined
  const point = () => {
    const target = named() ?? changed()
    if (target !== ringed) {
      const stage = slot.parentElement ?? slot
      for (const old of stage.querySelectorAll('[data-focused]'))
        old.removeAttribute('data-focused')
      target?.setAttribute('data-focused', '')
      ringed = target
    }
    if (target) target.scrollIntoView({ block: 'nearest', inline: 'nearest' })
    else slot.scrollTop = 0
  }
  point()
  let frame = 0
  // a box that moves matters only when it is, or holds, what is ringed
  const moves = (record: MutationRecord) =>
    record.attributeName !== 'transform' || (!!ringed && record.target.contains(ringed))
  const watch = new MutationObserver((records) => {
    if (!records.some(moves)) return
    cancelAnimationFrame(frame)
    frame = requestAnimationFrame(point)
  })
  // rows come and go, a row stops being what the step changed when its class does, and a box
  // of a diagram moves to its place (its transform eases): the view follows it there
  watch.observe(slot, {
    childList: true,
    subtree: true,
    attributeFilter: ['class', 'data-change', 'aria-current', 'transform'],
  })
  const settle = setTimeout(() => watch.disconnect(), SETTLE_MS)
  return () => {
    watch.disconnect()
    clearTimeout(settle)
    cancelAnimationFrame(frame)
  }
}

function useMedia(query: string): boolean {
  const media = useMemo(
    () => (typeof matchMedia === 'function' ? matchMedia(query) : null),
    [query],
  )
  return useSyncExternalStore(
    (notify) => {
      media?.addEventListener('change', notify)
      return () => media?.removeEventListener('change', notify)
    },
    () => media?.matches ?? true,
  )
}

/**
 * The stage: what the step is about, in front. The step's focus (scenarios/focus.ts) names its
 * panels; the first is shown, and on a wide screen the second beside it. A tab shows any other
 * panel until the reader steps (store `picked`). The terminal can stay docked beside the story at every step.
 * The element the step is about is scrolled into view within its panel and ringed.
 */
export default function Stage() {
  const t = useT()
  const timeline = usePlayer((s) => s.timeline)
  const cursor = usePlayer((s) => s.cursor)
  const opened = usePlayer((s) => s.opened)
  const live = useMemo(() => ({ timeline, cursor, opened }), [timeline, cursor, opened])
  // The panels follow the cursor in a deferred, interruptible render (store/useShown.ts).
  const shown = useDeferredValue(live)
  const step = shown.timeline[shown.cursor]
  const focus: Focus = step ? focusOf(step) : { panels: ['disk'] }
  const wide = useMedia(TWO_COLUMNS)
  const picked = usePlayer((s) => s.picked)
  const { pick } = usePlayer((s) => s.actions)
  const tourId = usePlayer((s) => s.tourId)
  // a slide may offer some panels only, in its own order (`?panels=`)
  const offered = usePlayer((s) => s.panels) ?? PANEL_IDS
  const hasTerminal = offered.includes('terminal')
  // the stage is made anew for each tour it shows (it waits while one computes)
  const [docked, setDocked] = useState(() => hasTerminal && findTour(tourId)?.terminal === true)

  // the step's panels that are offered; none: the first offered
  const about = focus.panels.filter((id) => offered.includes(id))
  const story: PanelId[] = about.length > 0 ? about : offered.slice(0, 1)
  let panels: PanelId[] = picked ? [picked] : story.slice(0, wide ? 2 : 1)
  if (docked && !panels.includes('terminal'))
    panels = wide ? [panels[0] ?? offered[0] ?? 'disk', 'terminal'] : ['terminal']
  const front = panels[0] ?? 'disk'
  const panelsLoaded = usePanelsLoaded(panels)

  // A panel that leaves the stage keeps its state (a chosen view, a selection, where it was
  // scrolled) for when it comes back, and the step it last drew, so it does not draw while hidden.
  const keptRef = useRef(new Map<PanelId, Shown>())
  const kept = keptRef.current
  for (const id of panels) kept.set(id, shown)

  const slots = useRef<HTMLDivElement>(null)
  // the element is in the step's first panel: pointed at only when that panel is in front
  const element = picked || front !== focus.panels[0] ? undefined : focus.element
  // Point at what the step is about, once the panels have drawn it.
  useLayoutEffect(() => {
    const slot = slots.current?.querySelector(`[data-slot="${front}"]`)
    if (!slot) return undefined
    return pointAt(slot, element)
  }, [step, front, element])

  // The terminal, docked by its button, takes the keys at once: a person opens it to type.
  const typeIn = useRef(false)
  const terminalShown = panels.includes('terminal')
  useEffect(() => {
    const area = slots.current
    if (!typeIn.current || !terminalShown || !area) return undefined
    const focus = () => {
      const input = area.querySelector<HTMLInputElement>('[data-slot="terminal"] input')
      if (!input) return false
      typeIn.current = false
      input.focus()
      return true
    }
    if (focus()) return undefined
    // the terminal's code is still loading: it takes the keys once it is drawn
    const drawn = new MutationObserver(() => {
      if (focus()) drawn.disconnect()
    })
    drawn.observe(area, { childList: true, subtree: true })
    return () => drawn.disconnect()
  }, [terminalShown])

  return (
    <div className="stage" data-element={element}>
      {/* one panel offered: nothing to choose */}
      <div
        className="stage-tabs"
        role="toolbar"
        aria-label={t('stage.panels')}
        hidden={offered.length < 2}
      >
        {/* the panels scroll sideways on a phone; the terminal's button stays in view */}
        <div className="stage-tab-list">
          {offered
            .filter((id) => id !== 'terminal')
            .map((id) => (
              <button
                key={id}
                type="button"
                className="stage-tab"
                aria-pressed={panels.includes(id)}
                data-focus-panel={!picked && focus.panels.includes(id) ? '' : undefined}
                onClick={() => pick(id)}
              >
                {t(`panel.${id}`)}
              </button>
            ))}
        </div>
        {hasTerminal && (
          <button
            type="button"
            className="stage-tab stage-terminal"
            aria-pressed={panels.includes('terminal')}
            data-focus-panel={!picked && focus.panels.includes('terminal') ? '' : undefined}
            // docks the terminal where it is not shown; undocks it where it is
            onClick={() => {
              typeIn.current = !terminalShown
              setDocked(!terminalShown)
            }}
          >
            <span aria-hidden="true">⌨</span>{' '}
            <span className="stage-tab-name">{t('panel.terminal')}</span>
          </button>
        )}
      </div>
      <div
        ref={slots}
        className="stage-panels"
        role="group"
        aria-label={t('panel.area')}
        // busy while the panels follow the cursor, or while one shown is still loading
        aria-busy={shown !== live || !panelsLoaded || undefined}
        data-count={panels.length}
        // the power is cut: the running system goes dark; what the disk kept stays lit
        data-power-cut={step?.event.type === 'power/lost' ? '' : undefined}
      >
        {PANEL_IDS.filter((id) => kept.has(id)).map((id) => {
          const at = panels.indexOf(id)
          return (
            <Activity key={id} mode={at < 0 ? 'hidden' : 'visible'}>
              <ShownContext.Provider value={at < 0 ? (kept.get(id) ?? shown) : shown}>
                <div
                  className="stage-slot"
                  data-slot={id}
                  data-front={id === front ? '' : undefined}
                  data-empty={t('stage.empty', { panel: t(`panel.${id}`) })}
                  style={{ order: at }}
                >
                  {PANELS[id]}
                </div>
              </ShownContext.Provider>
            </Activity>
          )
        })}
      </div>
    </div>
  )
}
