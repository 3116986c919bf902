import { lazy, Suspense, useId, type ChangeEvent } from 'react'
import { SPEEDS, isSpeed } from '../store/playerStore'
import { openTour } from '../store/tours'
import {
  selectCaption,
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

// Acting on the machine needs the engine, which loads with the first tour, not with the page.
const PowerControl = lazy(() => import('./PowerControl'))

/**
 * The current step's caption, announced politely to screen readers, with the tour's note under
 * it. A refused command reads as an error, by an icon and a word as well as by colour.
 */
export function CaptionBar() {
  const t = useT()
  const text = useMessageText()
  const caption = usePlayer(selectCaption)
  const note = usePlayer(selectNote)
  const failed = usePlayer(selectIsFailure)
  return (
    <div className="caption" role="region" aria-label={t('player.caption')} aria-live="polite">
      <p className="caption-text" data-failed={failed ? '' : undefined}>
        {failed && (
          <span className="caption-error">
            <span aria-hidden="true">⚠ </span>
            {t('player.failed')}{' '}
          </span>
        )}
        {caption ? text(caption) : '\u00a0'}
      </p>
      {note && <p className="caption-note">{text(note)}</p>}
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
  if (forkedAt === undefined) return null
  return (
    <div className="fork-notice">
      <p>{t('player.forked', { step: forkedAt - first + 2 })}</p>
      <button type="button" onClick={() => void openTour(store, tourId, forkedAt - first)}>
        {t('player.restore')}
      </button>
    </div>
  )
}

/** Back, play/pause, forward, speed, the timeline scrubber, and the machine's power. */
export function Controls() {
  const t = useT()
  const cursor = usePlayer(selectPosition)
  const first = usePlayer((s) => s.first)
  const total = usePlayer(selectTotal)
  const isFirst = usePlayer(selectIsFirst)
  const isLast = usePlayer(selectIsLast)
  const playing = usePlayer((s) => s.playing)
  const speed = usePlayer((s) => s.speed)
  const { previous, next, togglePlay, goTo, setSpeed } = usePlayer((s) => s.actions)
  const ids = { speed: useId(), keys: useId() }
  const empty = total === 0

  const onScrub = (event: ChangeEvent<HTMLInputElement>) =>
    goTo(first + Number(event.target.value) - 1)
  const onSpeed = (event: ChangeEvent<HTMLSelectElement>) => {
    const value = Number(event.target.value)
    if (isSpeed(value)) setSpeed(value)
  }
  const position = t('player.position', { current: empty ? 0 : cursor + 1, total })

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
        </button>
        <button type="button" className="primary" onClick={togglePlay} disabled={total < 2}>
          {playing ? <PauseIcon /> : <PlayIcon />} {playing ? t('player.pause') : t('player.play')}
        </button>
        <button type="button" onClick={next} disabled={empty || isLast}>
          <span className="button-label">{t('player.next')}</span> <NextIcon />
        </button>
      </div>
      <output className="position" aria-hidden="true">
        {position}
      </output>
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
      <div className="field speed">
        <label htmlFor={ids.speed}>{t('player.speed')}</label>
        <select id={ids.speed} value={speed} onChange={onSpeed}>
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
      <p id={ids.keys} className="visually-hidden">
        {t('player.keys')}
      </p>
    </div>
  )
}
