import { useMemo } from 'react'
import { shortChecksum } from '../../engine/hash'
import { useTween } from '../anim/hooks'
import { pullAt, type PullView } from '../layout/pull'
import { useShown } from '../store/useShown'
import { useT } from '../useT'

/** Dots on the wire while objects travel: spaced evenly, moving with the count. */
const DOTS = 6
/** How long the count takes to reach the step's figure: long enough to be seen travelling. */
const TRAVEL_MS = 1400

/**
 * The pull the step is part of, drawn from its events: the update server, the repository, and the
 * objects between them. At the step that fetches, the count of objects and bytes runs up to the
 * engine's figures while dots travel the wire; the bar says how little of the commit travelled,
 * since the repository already had the rest.
 */
export function PullFlow() {
  const timeline = useShown((s) => s.timeline)
  const cursor = useShown((s) => s.cursor)
  const view = useMemo(() => pullAt(timeline, cursor), [timeline, cursor])
  return view && <PullPicture view={view} />
}

function PullPicture({ view }: { view: PullView }) {
  const t = useT()
  const target = view.phase === 'started' ? 0 : view.fetched
  const shown = useTween(target, TRAVEL_MS)
  const share = view.fetched === 0 ? 1 : shown / view.fetched
  const travelling = view.fetched > 0 && shown < target
  const percent = (n: number) => (view.total === 0 ? 0 : (100 * n) / view.total)
  const server = view.remote === '' ? t('pull.server') : `${t('pull.server')} (${view.remote})`
  return (
    <section className="pull-flow" data-focus="pull" aria-label={t('pull.title')}>
      <div className="pull-ends">
        <div className="pull-end">
          <strong>{server}</strong>
          <span>
            {view.version === ''
              ? shortChecksum(view.commit)
              : t('pull.offers', { version: view.version })}
          </span>
        </div>
        <svg className="pull-wire" aria-hidden="true" data-travelling={travelling ? '' : undefined}>
          <line x1="0" y1="50%" x2="100%" y2="50%" />
          {travelling &&
            Array.from({ length: DOTS }, (_, i) => {
              const at = (((share * 3 + i / DOTS) % 1) + 1) % 1
              return <circle key={i} cx={`${(at * 100).toFixed(2)}%`} cy="50%" r="4" />
            })}
        </svg>
        <div className="pull-end">
          <strong className="mono">/ostree/repo</strong>
          <span className={view.ref ? 'mono touched' : 'mono'}>
            {view.ref
              ? `${view.ref} → ${shortChecksum(view.commit)}`
              : view.phase === 'started'
                ? t('pull.repoBefore')
                : t('pull.repo', { count: view.present + Math.round(shown) })}
          </span>
        </div>
      </div>
      {view.phase === 'started' ? (
        <p className="pull-counts">{t('pull.asking')}</p>
      ) : (
        <>
          <p className="pull-counts" data-fetched={Math.round(shown)}>
            {t('pull.counts', {
              fetched: Math.round(shown),
              bytes: Math.round(view.bytes * share),
              present: view.present,
            })}
          </p>
          <div
            className="pull-bar"
            role="img"
            aria-label={t('pull.bar', {
              total: view.total,
              present: view.present,
              fetched: view.fetched,
            })}
          >
            <span className="pull-present" style={{ width: `${percent(view.present)}%` }} />
            <span className="pull-fetched" style={{ width: `${percent(shown)}%` }} />
          </div>
        </>
      )}
    </section>
  )
}
