import { useId, useMemo } from 'react'
import { foldAt, foldedBefore, foldTopics } from '../store/folds'
import { usePlayer } from '../store/usePlayer'
import { useT } from '../useT'

/**
 * Under the caption, at a step that stands for folded steps (a boot the tour has shown once in
 * full): how many it folds and what they are, and a button that shows them in place. Once open,
 * on each step of the fold, a button that folds them again.
 */
export function FoldLine() {
  const t = useT()
  const locale = usePlayer((s) => s.locale)
  const timeline = usePlayer((s) => s.timeline)
  const opened = usePlayer((s) => s.opened)
  const cursor = usePlayer((s) => s.cursor)
  const { openFold, closeFold } = usePlayer((s) => s.actions)
  const id = useId()
  const line = useMemo(() => {
    const fold = foldAt(timeline, opened, cursor)
    if (fold === undefined) return null
    if (opened.includes(fold)) {
      const count = timeline.filter((step) => step.fold === fold && step.folded).length
      return { open: true, fold, count, topics: [] }
    }
    const hidden = foldedBefore(timeline, opened, cursor)
    if (hidden.length === 0) return null
    return { open: false, fold, count: hidden.length, topics: foldTopics(timeline, hidden) }
  }, [timeline, opened, cursor])
  const list = useMemo(() => new Intl.ListFormat(locale, { type: 'conjunction' }), [locale])
  if (line === null) return null
  const { open, fold, count } = line
  const topics = list.format(line.topics.map((topic) => t(`player.fold.topic.${topic}`)))
  let text = t('player.fold.open', { count })
  if (!open && topics !== '') text = t('player.fold.hidden', { count, topics })
  else if (!open) text = t('player.fold.hiddenSteps', { count })
  return (
    <div className="fold-line" data-open={open ? '' : undefined}>
      <p id={id} aria-live="polite">
        <span className="fold-mark" aria-hidden="true">
          {open ? '▾' : '▸'}{' '}
        </span>
        {text}
      </p>
      <button
        type="button"
        aria-expanded={open}
        aria-describedby={id}
        onClick={() => (open ? closeFold(fold) : openFold(fold))}
      >
        {t(open ? 'player.fold.close' : 'player.fold.show', { count })}
      </button>
    </div>
  )
}
