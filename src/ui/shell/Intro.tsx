import { useEffect, useId, useRef } from 'react'
import { chaptersOf, DEFAULT_TOUR_ID, registry } from '../../scenarios/registry'
import type { Tour } from '../../scenarios/types'
import { openTour } from '../store/tours'
import { usePlayer, usePlayerStore } from '../store/usePlayer'
import { useMessageText, useT } from '../useT'

/** Tours listed in the opening view: the sandbox is offered apart, as a place to play. */
const STORIES = registry.filter((tour) => tour.start !== 'last')
const SANDBOX = registry.find((tour) => tour.start === 'last')

/**
 * The opening view: what CoreOS is in a few lines, and the tours as a table of contents, each with
 * what it teaches and its chapters. A dialog over the player, which meanwhile computes the default
 * tour, so "Start" shows its first step at once. Shown on a visit without a link to a tour.
 */
export function Intro() {
  const t = useT()
  const text = useMessageText()
  const store = usePlayerStore()
  const open = usePlayer((s) => s.intro)
  const tourId = usePlayer((s) => s.tourId)
  const { setIntro } = usePlayer((s) => s.actions)
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    if (open && !element.open) element.showModal()
    if (!open && element.open) element.close()
  }, [open])

  const start = (tour: Tour) => {
    setIntro(false)
    if (tour.id !== tourId) void openTour(store, tour.id)
  }

  return (
    <dialog
      ref={dialog}
      className="intro"
      aria-labelledby={titleId}
      onClose={() => setIntro(false)}
      onCancel={() => setIntro(false)}
    >
      <div className="intro-body">
        <h2 id={titleId}>{t('intro.title')}</h2>
        <p>{t('intro.what')}</p>
        <blockquote cite="https://doi.org/10.6028/NIST.SP.800-190">
          <p>{t('intro.nist')}</p>
          <footer>{t('intro.nistSource')}</footer>
        </blockquote>
        <ul className="intro-points">
          <li>{t('intro.pointImage')}</li>
          <li>{t('intro.pointUsr')}</li>
          <li>{t('intro.pointUpdate')}</li>
        </ul>
        <p>{t('intro.how')}</p>
        <h3>{t('intro.tours')}</h3>
        <ol className="intro-tours">
          {STORIES.map((tour) => {
            const chapters = chaptersOf(tour)
            return (
              <li key={tour.id}>
                <button
                  type="button"
                  className={tour.id === DEFAULT_TOUR_ID ? 'primary' : undefined}
                  onClick={() => start(tour)}
                >
                  {text({ key: tour.titleKey })}
                </button>
                <p>{text({ key: tour.summaryKey })}</p>
                <p className="intro-chapters">
                  {t('intro.chapters', { count: chapters.length })}{' '}
                  {chapters.map((c) => text({ key: c.titleKey })).join(' · ')}
                </p>
              </li>
            )
          })}
        </ol>
        {SANDBOX && (
          <p className="intro-sandbox">
            <button type="button" onClick={() => start(SANDBOX)}>
              {text({ key: SANDBOX.titleKey })}
            </button>{' '}
            {text({ key: SANDBOX.summaryKey })}
          </p>
        )}
        <p className="hint">{t('intro.keys')}</p>
      </div>
    </dialog>
  )
}
