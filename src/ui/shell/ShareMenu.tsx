import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent as ReactKeyboardEvent,
} from 'react'
import { chaptersOf, findTour } from '../../scenarios/registry'
import { actionsCode, embedCode, embedLink, pageLink, urlStateOf } from '../embed/shareLink'
import { exportFileName, type ExportFormat } from '../export/fileName'
import type { Fork } from '../store/playerStore'
import { selectChapter, selectPosition, selectTotal } from '../store/selectors'
import { usePlayer, usePlayerStore } from '../store/usePlayer'
import { useMessageText, useT } from '../useT'

/** How long a confirmation stays on screen. */
const SAID_MS = 4000
/** The room the list keeps from the window's left edge, in CSS pixels. */
const MARGIN = 8

type Copied = 'link' | 'embed'

/** An arrow out of a box: what "share" looks like on most systems. */
function ShareIcon() {
  return (
    <svg
      width={16}
      height={16}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.6}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M8 1.8v8.4M5 4.6l3-2.8 3 2.8M5.5 7H4a1 1 0 0 0-1 1v5.2a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1h-1.5" />
    </svg>
  )
}

/** Writes `text` to the clipboard; false where the page may not (a frame without the right, http). */
async function writeClipboard(text: string): Promise<boolean> {
  try {
    // absent outside a secure context, whatever the types say
    if (!(navigator.clipboard as Clipboard | undefined)) return false
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}

/**
 * Share: a button that opens a short list (a disclosure, so a field can show in it): copy a link
 * to the step shown, with the actions taken; copy an `<iframe>` for a slide; download a picture
 * of the view as PNG or SVG. Where the clipboard is refused, the text shows selected in a field,
 * to be copied by hand. Each outcome is said in a live region, and shown for a moment.
 * `compact`: an icon with its name for assistive technology, opening upwards (the player bar).
 */
export function ShareMenu({ compact = false }: { compact?: boolean }) {
  const t = useT()
  const text = useMessageText()
  const store = usePlayerStore()
  const ready = usePlayer((s) => s.status.kind === 'ready')
  // what decides how wide the header's settings are
  const tourId = usePlayer((s) => s.tourId)
  const locale = usePlayer((s) => s.locale)
  const [open, setOpen] = useState(false)
  // what the live region says, and whether it stays until replaced (work under way)
  const [said, setSaid] = useState<{ text: string; stays: boolean } | null>(null)
  // the text the clipboard refused, shown to be copied by hand
  const [manual, setManual] = useState<{ kind: Copied; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  // the actions' code, made when the menu opens, so a copy is written within the click
  const coded = useRef<{ forks: readonly Fork[]; code: string | null } | null>(null)
  const wrapper = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const panel = useRef<HTMLDivElement>(null)
  const field = useRef<HTMLTextAreaElement>(null)
  // the item to focus once the list is shown (opened with an arrow key)
  const focusNext = useRef<'first' | 'last' | null>(null)
  const ids = { panel: useId(), field: useId(), hint: useId() }

  const items = () => [
    ...(panel.current?.querySelectorAll<HTMLButtonElement>('[data-share-item]:not(:disabled)') ??
      []),
  ]

  useEffect(() => {
    if (!open) return undefined
    const forks = store.getState().forks
    if (coded.current?.forks !== forks) {
      void actionsCode(forks).then((code) => {
        coded.current = { forks, code }
      })
    }
    const which = focusNext.current
    focusNext.current = null
    if (which) (which === 'first' ? items()[0] : items().at(-1))?.focus()
    // a press anywhere else closes the list, as a menu does
    const onPointerDown = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    return () => document.removeEventListener('pointerdown', onPointerDown)
  }, [open, store])

  // In the header, the button's name shows where it costs the header no second row: how much
  // room there is depends on the window, the tour (the sandbox has one more setting) and the
  // language, so it is measured. Elsewhere, and where it does not fit, the icon stands alone.
  useLayoutEffect(() => {
    const share = wrapper.current
    const bar = share?.closest('header')
    if (compact || !share || !bar) return undefined
    const fit = () => {
      share.dataset['label'] = 'shown'
      const shown = bar.offsetHeight
      share.dataset['label'] = 'hidden'
      const hidden = bar.offsetHeight
      share.dataset['label'] = shown > hidden ? 'hidden' : 'shown'
    }
    fit()
    addEventListener('resize', fit)
    return () => removeEventListener('resize', fit)
  }, [compact, tourId, locale])

  // The list opens from the button's right edge; near the window's left edge, it moves into view.
  useLayoutEffect(() => {
    const box = panel.current
    if (!open || !box) return
    box.style.removeProperty('translate')
    const { left } = box.getBoundingClientRect()
    if (left < MARGIN) box.style.translate = `${MARGIN - left}px 0`
  }, [open, manual])

  useEffect(() => {
    if (!manual) return
    field.current?.focus()
    field.current?.select()
  }, [manual])

  useEffect(() => {
    if (!said || said.stays) return undefined
    const timer = setTimeout(() => setSaid(null), SAID_MS)
    return () => clearTimeout(timer)
  }, [said])

  const close = () => {
    setOpen(false)
    setManual(null)
    button.current?.focus()
  }

  const copy = async (kind: Copied) => {
    const state = store.getState()
    const code =
      coded.current?.forks === state.forks ? coded.current.code : await actionsCode(state.forks)
    const at = urlStateOf(state, code)
    const tour = findTour(state.tourId)
    const title = t('share.frameTitle', {
      site: t('app.title'),
      tour: tour ? text({ key: tour.titleKey }) : state.tourId,
    })
    const copied =
      kind === 'link' ? pageLink(location.href, at) : embedCode(embedLink(location.href, at), title)
    if (await writeClipboard(copied)) {
      close()
      setSaid({ text: t(kind === 'link' ? 'share.copiedLink' : 'share.copiedEmbed'), stays: false })
    } else {
      setManual({ kind, text: copied })
      setSaid({ text: t('share.copyRefused'), stays: false })
    }
  }

  const exportAs = async (format: ExportFormat) => {
    const state = store.getState()
    close()
    setBusy(true)
    setSaid({ text: t('share.preparing'), stays: true })
    try {
      const stage = document.querySelector('.stage-panels')
      if (!stage) throw new Error('the panels are not drawn yet')
      const tour = findTour(state.tourId)
      const chapter = selectChapter(state)
      const chapters = tour ? chaptersOf(tour) : []
      const current = chapter === undefined ? undefined : chapters[chapter]
      const step = selectPosition(state) + 1
      // loaded on demand: most visits never ask for a picture
      const { download, exportView } = await import('../export/exportView')
      const blob = await exportView(
        {
          stage,
          caption: document.querySelector('.player .caption'),
          title: tour ? text({ key: tour.titleKey }) : state.tourId,
          chapter:
            current && chapter !== undefined
              ? t('share.chapter', {
                  number: chapter + 1,
                  total: chapters.length,
                  title: text({ key: current.titleKey }),
                })
              : null,
          step: t('player.position', { current: step, total: selectTotal(state) }),
          site: t('app.title'),
          lang: state.locale,
        },
        format,
      )
      const name = exportFileName(state.tourId, step, format)
      download(blob, name)
      setSaid({ text: t('share.downloaded', { name }), stays: false })
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      setSaid({ text: t('share.exportFailed', { message }), stays: false })
    } finally {
      setBusy(false)
    }
  }

  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape' && open) {
      event.preventDefault()
      close()
      return
    }
    // the field's keys are its own (Home, End: the start and end of its line)
    if (event.target === field.current) return
    const list = items()
    const at = list.indexOf(event.target as HTMLButtonElement)
    const onButton = event.target === button.current
    let next: HTMLButtonElement | undefined
    if (event.key === 'ArrowDown') {
      if (onButton && !open) {
        focusNext.current = 'first'
        setOpen(true)
      } else next = list[at < 0 ? 0 : (at + 1) % list.length]
    } else if (event.key === 'ArrowUp') {
      if (onButton && !open) {
        focusNext.current = 'last'
        setOpen(true)
      } else next = list[at < 0 ? list.length - 1 : (at - 1 + list.length) % list.length]
    } else if ((event.key === 'Home' || event.key === 'End') && at >= 0) {
      next = event.key === 'Home' ? list[0] : list.at(-1)
    } else return
    // these keys move in the list, not the player
    event.preventDefault()
    next?.focus()
  }

  // Tabbing out of the list closes it; a press elsewhere does too (above).
  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    const to = event.relatedTarget
    if (open && to instanceof Node && !wrapper.current?.contains(to)) {
      setOpen(false)
      setManual(null)
    }
  }

  const itemProps = { type: 'button', 'data-share-item': '' } as const
  return (
    <div
      ref={wrapper}
      className="share"
      data-placement={compact ? 'above' : 'below'}
      data-label={compact ? undefined : 'shown'}
      data-open={open ? '' : undefined}
      onKeyDown={onKeyDown}
      onBlur={onBlur}
    >
      <button
        ref={button}
        type="button"
        className="share-button"
        aria-expanded={open}
        aria-controls={ids.panel}
        title={t('share.menu')}
        onClick={() => (open ? close() : setOpen(true))}
      >
        <ShareIcon />{' '}
        <span className={compact ? 'visually-hidden' : 'share-label'}>{t('share.menu')}</span>
      </button>
      <div
        ref={panel}
        id={ids.panel}
        className="share-panel"
        role="group"
        aria-label={t('share.menu')}
        hidden={!open}
      >
        <ul className="share-items">
          <li>
            <button {...itemProps} disabled={!ready} onClick={() => void copy('link')}>
              {t('share.copyLink')}
            </button>
          </li>
          <li>
            <button {...itemProps} disabled={!ready} onClick={() => void copy('embed')}>
              {t('share.copyEmbed')}
            </button>
          </li>
          <li>
            <button {...itemProps} disabled={!ready || busy} onClick={() => void exportAs('png')}>
              {t('share.png')}
            </button>
          </li>
          <li>
            <button {...itemProps} disabled={!ready || busy} onClick={() => void exportAs('svg')}>
              {t('share.svg')}
            </button>
          </li>
        </ul>
        {manual && (
          <div className="share-manual">
            <label htmlFor={ids.field}>
              {t(manual.kind === 'link' ? 'share.linkField' : 'share.embedField')}
            </label>
            <textarea
              ref={field}
              id={ids.field}
              readOnly
              rows={manual.kind === 'link' ? 3 : 5}
              value={manual.text}
              aria-describedby={ids.hint}
            />
            <p id={ids.hint}>{t('share.copyRefused')}</p>
          </div>
        )}
      </div>
      <p className="share-status" role="status">
        {said?.text}
      </p>
    </div>
  )
}
