import { lazy, Suspense, useId, useMemo, useState, type ChangeEvent } from 'react'
import type { Message } from '../../engine/types'
import { GLOSSARY, linkTerms, type LinkedText } from '../../scenarios/glossary'
import { chaptersOf, findTour } from '../../scenarios/registry'
import { positionOf, stepNumber } from '../store/folds'
import { SPEEDS, isSpeed, stepsShown } from '../store/playerStore'
import { openTour } from '../store/tours'
import {
  selectCaption,
  selectChapter,
  selectChapterStarts,
  selectForkedAt,
  selectIsFailure,
  selectIsFirst,
  selectIsLast,
  selectNote,
  selectPosition,
  selectTotal,
} from '../store/selectors'
import { usePlayer, usePlayerStore } from '../store/usePlayer'
import { useMessageText, useT } from '../useT'
import { NextIcon, PauseIcon, PlayIcon, PreviousIcon } from './icons'
import { Prediction } from './Prediction'
import { ShareMenu } from './ShareMenu'

// Acting on the machine needs the engine, which loads with the first tour, not with the page.
const PowerControl = lazy(() => import('./PowerControl'))

/**
 * The current step's caption, announced politely to screen readers, with the tour's note under
 * it, and the tour's question when the step asks one. A refused command reads as an error, by an icon and a word as well as by colour.
 */
export function CaptionBar() {
  const t = useT()
  const text = useMessageText()
  const locale = usePlayer((s) => s.locale)
  const caption = usePlayer(selectCaption)
  const note = usePlayer(selectNote)
  const failed = usePlayer(selectIsFailure)
  // The glossary term opened from this step's words; another step closes it.
  const [opened, setOpened] = useState<{ caption: Message | undefined; term: string } | null>(null)
  const open = opened && opened.caption === caption ? opened.term : null
  const definitionId = useId()
  const parts = useMemo(() => {
    const said = caption ? linkTerms(text(caption), locale) : []
    // a term is linked once, where the step first names it
    const named = new Set(said.flatMap((part) => (typeof part === 'string' ? [] : [part.term])))
    const more = note
      ? linkTerms(text(note), locale).map((part) =>
          typeof part !== 'string' && named.has(part.term) ? part.text : part,
        )
      : []
    return { caption: said, note: more }
  }, [caption, note, text, locale])
  const term = GLOSSARY.find((entry) => entry.id === open)
  const words = (linked: LinkedText) =>
    linked.map((part, i) =>
      typeof part === 'string' ? (
        part
      ) : (
        <button
          key={i}
          type="button"
          className="term"
          aria-expanded={open === part.term}
          aria-controls={definitionId}
          onClick={() => setOpened(open === part.term ? null : { caption, term: part.term })}
        >
          {part.text}
        </button>
      ),
    )
  return (
    <div className="caption" role="region" aria-label={t('player.caption')} aria-live="polite">
      <p className="caption-text" data-failed={failed ? '' : undefined}>
        {failed && (
          <span className="caption-error">
            <span aria-hidden="true">⚠ </span>
            {t('player.failed')}{' '}
          </span>
        )}
        {caption ? words(parts.caption) : '\u00a0'}
      </p>
      {note && <p className="caption-note">{words(parts.note)}</p>}
      <Prediction />
      <div id={definitionId} className="term-definition" hidden={!term}>
        {term && (
          <p>
            <strong>{text({ key: term.termKey })}</strong> {text({ key: term.definitionKey })}
          </p>
        )}
      </div>
    </div>
  )
}

/**
 * The tour's chapters: which one this step belongs to, a menu to jump to another, and at the
 * first step of a chapter, why it matters.
 */
export function ChapterLine() {
  const t = useT()
  const text = useMessageText()
  const tourId = usePlayer((s) => s.tourId)
  const timeline = usePlayer((s) => s.timeline)
  const cursor = usePlayer((s) => s.cursor)
  const starts = usePlayer(selectChapterStarts)
  const chapter = usePlayer(selectChapter)
  const { goToChapter } = usePlayer((s) => s.actions)
  const id = useId()
  const chapters = useMemo(() => {
    const tour = findTour(tourId)
    return tour ? chaptersOf(tour) : []
  }, [tourId])
  if (chapters.length === 0 || timeline.length === 0) return null
  const current = chapter === undefined ? undefined : chapters[chapter]
  const opening = current !== undefined && starts[chapter ?? -1] === cursor
  const onChange = (event: ChangeEvent<HTMLSelectElement>) =>
    goToChapter(Number(event.target.value))
  return (
    <div className="chapter-line">
      <label htmlFor={id} className="visually-hidden">
        {t('player.chapter')}
      </label>
      <select id={id} className="chapter-select" value={chapter ?? 'own'} onChange={onChange}>
        {chapter === undefined && (
          <option value="own" disabled>
            {t('player.ownSteps')}
          </option>
        )}
        {chapters.map((c, i) => (
          <option key={c.id} value={i} disabled={starts[i] === undefined}>
            {t('player.chapterOption', { number: i + 1, total: chapters.length })}{' '}
            {text({ key: c.titleKey })}
          </option>
        ))}
      </select>
      {opening && <p className="chapter-why">{text({ key: current.whyKey })}</p>}
    </div>
  )
}

/**
 * Where each chapter starts on the timeline: ticks under the slider, as a video's chapters. The
 * slider counts the steps shown, so the ticks do too.
 */
function ChapterMarks() {
  const starts = usePlayer(selectChapterStarts)
  const shown = usePlayer(stepsShown)
  const span = shown.length - 1
  if (starts.length < 2 || span <= 0) return null
  return (
    <div className="chapter-marks" aria-hidden="true">
      {starts.map((at, i) =>
        at === undefined ? null : (
          <span
            key={i}
            className="chapter-mark"
            style={{ left: `${(positionOf(shown, at) / span) * 100}%` }}
          />
        ),
      )}
    </div>
  )
}

/** After the person acted on the machine: from which step the timeline is theirs, and a way back. */
export function ForkNotice() {
  const t = useT()
  const store = usePlayerStore()
  const forkedAt = usePlayer(selectForkedAt)
  const first = usePlayer((s) => s.first)
  const tourId = usePlayer((s) => s.tourId)
  // the reader's first own step, as the counter numbers it
  const step = usePlayer((s) =>
    forkedAt === undefined ? 0 : stepNumber(s.timeline, s.first, s.opened, forkedAt + 1),
  )
  if (forkedAt === undefined) return null
  return (
    <div className="fork-notice">
      <p>{t('player.forked', { step })}</p>
      <button
        type="button"
        onClick={() => void openTour(store, tourId, forkedAt - first, null, { asWritten: true })}
      >
        {t('player.restore')}
      </button>
    </div>
  )
}

/** Back, play/pause, forward, speed, the timeline scrubber, and the machine's power. */
export function Controls() {
  const t = useT()
  const cursor = usePlayer(selectPosition)
  const shown = usePlayer(stepsShown)
  const total = usePlayer(selectTotal)
  const isFirst = usePlayer(selectIsFirst)
  const isLast = usePlayer(selectIsLast)
  const playing = usePlayer((s) => s.playing)
  const arriving = usePlayer((s) => s.arriving)
  const speed = usePlayer((s) => s.speed)
  // embedded, the page's header is hidden: Share is here
  const embed = usePlayer((s) => s.embed)
  const { previous, next, togglePlay, goTo, setSpeed } = usePlayer((s) => s.actions)
  // `?controls=minimal`: back, play, forward and the count, for a slide
  const minimal = usePlayer((s) => s.controls === 'minimal')
  const ids = { speed: useId(), keys: useId() }
  const empty = total === 0

  // the slider counts the steps shown
  const onScrub = (event: ChangeEvent<HTMLInputElement>) => {
    const at = shown[Number(event.target.value) - 1]
    if (at !== undefined) goTo(at)
  }
  const onSpeed = (event: ChangeEvent<HTMLSelectElement>) => {
    const value = Number(event.target.value)
    if (isSpeed(value)) setSpeed(value)
  }
  // while the tour's later steps compute, the total is of those known so far
  const position = t(arriving ? 'player.positionArriving' : 'player.position', {
    current: empty ? 0 : cursor + 1,
    total,
  })

  return (
    <div
      className="controls"
      role="group"
      aria-label={t('player.controls')}
      aria-describedby={ids.keys}
    >
      <div className="buttons">
        <button type="button" onClick={previous} disabled={empty || isFirst}>
          <PreviousIcon /> <span className="button-label">{t('player.previous')}</span>
          <span className="button-short" aria-hidden="true">
            {t('player.previousShort')}
          </span>
        </button>
        <button type="button" className="primary" onClick={togglePlay} disabled={total < 2}>
          {playing ? <PauseIcon /> : <PlayIcon />} {playing ? t('player.pause') : t('player.play')}
        </button>
        <button type="button" onClick={next} disabled={empty || isLast}>
          <span className="button-label">{t('player.next')}</span>
          <span className="button-short" aria-hidden="true">
            {t('player.nextShort')}
          </span>{' '}
          <NextIcon />
        </button>
      </div>
      <output className="position" aria-hidden="true">
        {position}
      </output>
      {!minimal && (
        <>
          <div className="timeline-track">
            <input
              className="timeline"
              type="range"
              aria-label={t('player.timeline')}
              aria-valuetext={position}
              min={1}
              max={Math.max(1, total)}
              step={1}
              value={empty ? 1 : cursor + 1}
              onChange={onScrub}
              disabled={empty}
            />
            <ChapterMarks />
          </div>
          <div className="field speed">
            <label htmlFor={ids.speed}>{t('player.speed')}</label>
            <select id={ids.speed} value={speed} onChange={onSpeed} title={t('player.speed')}>
              {SPEEDS.map((s) => (
                <option key={s} value={s}>
                  {t('player.speedValue', { speed: s })}
                </option>
              ))}
            </select>
          </div>
          <Suspense fallback={null}>
            <PowerControl />
          </Suspense>
          {embed && <ShareMenu compact />}
        </>
      )}
      <p id={ids.keys} className="visually-hidden">
        {t('player.keys')}
      </p>
    </div>
  )
}
