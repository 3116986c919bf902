import { Fragment, useCallback, useId, useMemo, useState, type ReactNode } from 'react'
import type { EtcMergePreview } from '../../engine'
import { previewEtcMerge } from '../../engine/etcPreview'
import { configDiffOf } from '../../engine/status'
import { deploymentName } from '../../engine/sysroot'
import type { Inode, Machine } from '../../engine/types'
import { modeString } from '../../engine/shell/format'
import type { MessageKey } from '../../i18n'
import { clockNow } from '../anim/clock'
import { useClock, useReducedMotion } from '../anim/hooks'
import {
  applyOrder,
  etcRows,
  foldDiff,
  lineDiff,
  localDeployment,
  localTrees,
  mergeDuration,
  mergeSource,
  mergeTrees,
  rowPhase,
  textOf,
  visibleRows,
  type Change,
  type EtcRow,
  type MergeSource,
  type RowPhase,
} from '../layout/etcMerge'
import { stepsShown } from '../store/playerStore'
import { usePlayer } from '../store/usePlayer'
import { useStepNumber } from '../store/useStepNumber'
import { useShown } from '../store/useShown'
import { useT, type T } from '../useT'
import { EtcEditor, isRunning, type EditRequest } from './EtcEditor'
import { Panel } from './Panel'
import './etcMerge.css'

/** What the table shows: the paths, the merge's words, and how far the merge has got. */
interface MergeView {
  kind: 'merge' | 'local'
  rows: EtcRow[]
  order: ReadonlyMap<string, number>
  summary: string
  /** ostree's error when the merge fails (or would fail now). */
  error: string | null
  /** Whether the result column holds a result (a merge that failed has none). */
  hasResult: boolean
  /** A past step the merge happened at, to go back to. */
  step: number | null
}

function octal(mode: number): string {
  return mode.toString(8).padStart(3, '0')
}

/**
 * The merge a source is about, read from the machine it was computed on; `numberOf` numbers a
 * step as the player counts it.
 */
function mergeView(
  t: T,
  source: Exclude<MergeSource, { kind: 'local' }>,
  preview: EtcMergePreview | null,
  numberOf: (index: number) => number | null,
): MergeView | null {
  // the number of a merge the player can go to; null for one before the steps it shows
  const past = 'step' in source && !source.current ? numberOf(source.step) : null
  if (source.kind === 'merged') {
    const root = source.machine.filesystems.root
    if (root === undefined) return null
    const order = applyOrder(source.diff)
    return {
      kind: 'merge',
      rows: etcRows(
        mergeTrees(root, source.merge, source.target, true),
        source.outcomes,
        source.diff,
      ),
      order,
      summary: source.current
        ? t('etcMerge.summary.mergedNow', { count: order.size })
        : past === null
          ? t('etcMerge.summary.mergedBefore')
          : t('etcMerge.summary.mergedPast', { step: past }),
      error: null,
      hasResult: true,
      step: source.current || past === null ? null : source.step,
    }
  }
  if (preview === null) return null
  const failed = source.kind === 'failed'
  const error = failed ? source.message : preview.error
  const hasResult = error === null
  let summary: string
  if (failed)
    summary = source.current
      ? t('etcMerge.summary.failedNow', { message: error ?? '' })
      : past === null
        ? t('etcMerge.summary.failedBefore', { message: error ?? '' })
        : t('etcMerge.summary.failedPast', { step: past, message: error ?? '' })
  else if (source.started) summary = t('etcMerge.summary.started')
  else summary = t('etcMerge.summary.pending')
  return {
    kind: 'merge',
    rows: etcRows(
      mergeTrees(preview.fs, source.merge, source.target, hasResult),
      preview.plan.outcomes,
      preview.plan.diff,
    ),
    order: applyOrder(preview.plan.diff),
    summary,
    error: failed ? null : preview.error,
    hasResult,
    step: failed && !source.current && past !== null ? source.step : null,
  }
}

/** The local changes of the deployment whose /etc a person edits now. */
function localView(t: T, source: MergeSource): MergeView | null {
  const machine = source.machine
  const deployment = source.kind === 'local' ? source.deployment : localDeployment(machine)
  const root = machine.filesystems.root
  if (deployment === null || root === undefined) return null
  const diff = configDiffOf(machine, deployment)
  if (diff === null) return null
  const count = diff.modified.length + diff.removed.length + diff.added.length
  return {
    kind: 'local',
    rows: etcRows(localTrees(root, deployment), null, diff),
    order: new Map(),
    summary:
      count === 0
        ? t('etcMerge.summary.noChange')
        : t('etcMerge.summary.local', {
            modified: diff.modified.length,
            removed: diff.removed.length,
            added: diff.added.length,
          }),
    error: null,
    hasResult: false,
    step: null,
  }
}

/** Previews already computed, by machine and pair of deployments (a machine is never changed). */
const previews = new WeakMap<Machine, Map<string, EtcMergePreview | null>>()

/**
 * The merge a staged deployment would get, or a failed one: computed once per machine, so the
 * steps that follow a failure (whose source is the failure's machine) reuse it.
 */
function previewOf(source: MergeSource | null): EtcMergePreview | null {
  if (source?.kind !== 'pending' && source?.kind !== 'failed') return null
  const pair = `${deploymentName(source.merge)}>${deploymentName(source.target)}`
  const known = previews.get(source.machine) ?? new Map<string, EtcMergePreview | null>()
  previews.set(source.machine, known)
  if (!known.has(pair))
    known.set(pair, previewEtcMerge(source.machine, source.merge, source.target))
  return known.get(pair) ?? null
}

/**
 * How many of the merge's local changes are applied on screen: at the step that merges, they go
 * one by one on the page's clock (at once with reduced motion); everywhere else all of them.
 */
function useMergeProgress(key: string | null, count: number): number {
  const reduced = useReducedMotion()
  const ms = mergeDuration(count)
  const [start, setStart] = useState<{ key: string | null; at: number }>({ key: null, at: 0 })
  let current = start
  if (start.key !== key) {
    // Following a prop with state, adjusted while rendering (as useTween does).
    current = { key, at: clockNow() }
    setStart(current)
  }
  const running = key !== null && !reduced && clockNow() < current.at + ms
  const now = useClock(running)
  if (key === null || !running) return count
  return Math.min(count, ((now - current.at) / ms) * count)
}

/**
 * The /etc merge: per path, the old default (base), the local /etc, the new default and the
 * result, with the rule that decided it; before an upgrade, the local changes as config-diff
 * lists them. The editor under it changes /etc, a step at a time.
 */
export function EtcMergePanel() {
  const t = useT()
  const timeline = useShown((s) => s.timeline)
  const cursor = useShown((s) => s.cursor)
  const tourId = usePlayer((s) => s.tourId)
  const machine = timeline[cursor]?.machine
  const source = useMemo(() => mergeSource(timeline, cursor), [timeline, cursor])
  // The person's choice holds for the merge it was made on; the next one is shown first.
  const sourceKey = source === null ? '' : `${source.kind}:${'step' in source ? source.step : ''}`
  const [chosen, setChosen] = useState<{ key: string; view: 'merge' | 'local' }>({
    key: '',
    view: 'merge',
  })
  const numberOf = useShownNumber()
  const merge = useMemo(
    () =>
      source === null || source.kind === 'local'
        ? null
        : mergeView(t, source, previewOf(source), numberOf),
    [source, t, numberOf],
  )
  const local = useMemo(() => (source === null ? null : localView(t, source)), [source, t])
  const view =
    (chosen.key === sourceKey && chosen.view === 'local') || merge === null ? local : merge
  const animate = source?.kind === 'merged' && source.current && view === merge
  const progress = useMergeProgress(animate ? `${source.step}` : null, view?.order.size ?? 0)
  const started = source?.kind === 'pending' && source.started
  const [request, setRequest] = useState<EditRequest | null>(null)
  if (!machine || source === null || view === null) return null
  const running = isRunning(machine)
  const edit = (path: string) => setRequest((r) => ({ path, n: (r?.n ?? 0) + 1 }))
  return (
    <Panel
      title={t('panel.etcMerge')}
      className={tourId === 'etc-merge' ? 'etc-panel etc-featured' : 'etc-panel'}
    >
      {merge !== null && local !== null && (
        <ViewChoice
          view={view.kind}
          onChange={(kind) => setChosen({ key: sourceKey, view: kind })}
        />
      )}
      <Summary view={view} />
      <PathTable view={view} progress={started ? 0 : progress} onEdit={running ? edit : null} />
      {running ? (
        <EtcEditor machine={machine} request={request} />
      ) : (
        <p className="hint">{t('etcEditor.notRunning')}</p>
      )}
    </Panel>
  )
}

function ViewChoice({
  view,
  onChange,
}: {
  view: 'merge' | 'local'
  onChange: (view: 'merge' | 'local') => void
}) {
  const t = useT()
  return (
    <div className="etc-views" role="group" aria-label={t('etcMerge.view')}>
      {(['merge', 'local'] as const).map((kind) => (
        <button
          key={kind}
          type="button"
          aria-pressed={view === kind}
          onClick={() => onChange(kind)}
        >
          {t(kind === 'merge' ? 'etcMerge.view.merge' : 'etcMerge.view.local')}
        </button>
      ))}
    </div>
  )
}

/** `useStepNumber`, but null for a step before the first the player shows (a slide's range). */
function useShownNumber(): (index: number) => number | null {
  const numberOf = useStepNumber()
  const firstShown = usePlayer((s) => stepsShown(s)[0] ?? s.first)
  return useCallback(
    (index: number) => (index < firstShown ? null : numberOf(index)),
    [numberOf, firstShown],
  )
}

function Summary({ view }: { view: MergeView }) {
  const t = useT()
  const { goTo } = usePlayer((s) => s.actions)
  const numberOf = useStepNumber()
  return (
    <div className="etc-summary">
      <p>{view.summary}</p>
      {view.error !== null && (
        <p className="etc-error">{t('etcMerge.summary.pendingFails', { message: view.error })}</p>
      )}
      {view.step !== null && (
        <button type="button" className="link-button" onClick={() => goTo(view.step as number)}>
          {t('etcMerge.goToStep', { step: numberOf(view.step) })}
        </button>
      )}
    </div>
  )
}

function None() {
  const t = useT()
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{t('etcMerge.none')}</span>
    </>
  )
}

/** A version's difference from the old default, in a word or two. */
function ChangeText({
  side,
  change,
  inode,
}: {
  side: 'local' | 'upstream'
  change: Change
  inode: Inode | null
}) {
  const t = useT()
  if (change === 'absent') return <None />
  if (change === 'mode' && inode)
    return <>{t(`etcMerge.${side}.mode`, { mode: octal(inode.mode) })}</>
  if (change === 'owner' && inode)
    return <>{t(`etcMerge.${side}.owner`, { owner: `${inode.uid}:${inode.gid}` })}</>
  return <>{t(`etcMerge.${side}.${change}` as MessageKey)}</>
}

function ResultText({
  row,
  phase,
  hasResult,
}: {
  row: EtcRow
  phase: RowPhase
  hasResult: boolean
}) {
  const t = useT()
  if (row.rule === 'newDefaultIsDirectory') return <>{t('etcMerge.result.failed')}</>
  if (!hasResult) return <>{t('etcMerge.result.notMerged')}</>
  if (phase === 'waiting') return <>{t('etcMerge.result.waiting')}</>
  if (phase === 'merging') return <>{t('etcMerge.result.merging')}</>
  if (row.outcome === 'absent' && row.upstream === null && row.local === null) return <None />
  return <>{t(`etcMerge.result.${row.outcome ?? 'absent'}`)}</>
}

/** The result cell's state, for its colour (its words say the same). */
function outcomeState(row: EtcRow, phase: RowPhase, hasResult: boolean): string {
  if (row.rule === 'newDefaultIsDirectory') return 'failed'
  if (!hasResult) return 'none'
  return phase === 'done' ? (row.outcome ?? 'none') : phase
}

function PathTable({
  view,
  progress,
  onEdit,
}: {
  view: MergeView
  progress: number
  /** Opens the editor on a path of the booted /etc; null when nothing can be edited. */
  onEdit: ((path: string) => void) | null
}) {
  const t = useT()
  const [showAll, setShowAll] = useState(false)
  const [open, setOpen] = useState<string | null>(null)
  const checkboxId = useId()
  const detailId = useId()
  const rows = visibleRows(view.rows, showAll)
  const merge = view.kind === 'merge'
  const columns = merge ? MERGE_COLUMNS : LOCAL_COLUMNS
  return (
    <>
      <div className="etc-filter">
        <input
          id={checkboxId}
          type="checkbox"
          checked={showAll}
          onChange={(event) => setShowAll(event.currentTarget.checked)}
        />
        <label htmlFor={checkboxId}>{t('etcMerge.showAll')}</label>
        <span className="hint">
          {t('etcMerge.count', { shown: rows.length, total: view.rows.length })}
        </span>
      </div>
      <div
        className="scroll etc-scroll"
        tabIndex={0}
        role="region"
        aria-label={t(merge ? 'etcMerge.table' : 'etcMerge.tableLocal')}
      >
        {/* The roles are said out loud: the narrow layout shows each row as a card (CSS
            display), and some browsers drop a table's semantics when its display changes. */}
        <table role="table" className="etc-table" data-view={view.kind}>
          <caption className="visually-hidden">
            {t(merge ? 'etcMerge.table' : 'etcMerge.tableLocal')}
          </caption>
          <thead role="rowgroup">
            <tr role="row">
              <th role="columnheader" scope="col">
                {t('etcMerge.col.path')}
              </th>
              {columns.map(({ label, hint }) => (
                <th role="columnheader" scope="col" key={label}>
                  {t(label)}
                  {hint && <span className="etc-col-hint">{t(hint)}</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody role="rowgroup">
            {rows.map((row) => {
              const phase = rowPhase(view.order, row.path, progress)
              const expanded = open === row.path
              return (
                <Fragment key={row.path}>
                  <tr
                    role="row"
                    data-phase={merge ? phase : undefined}
                    data-rule={row.rule ?? undefined}
                    data-open={expanded ? '' : undefined}
                  >
                    <th role="rowheader" scope="row" className="etc-path">
                      <button
                        type="button"
                        className="etc-path-button mono"
                        aria-expanded={expanded}
                        aria-controls={expanded ? detailId : undefined}
                        onClick={() => setOpen(expanded ? null : row.path)}
                      >
                        {row.path}
                      </button>
                    </th>
                    <Cell label="etcMerge.col.base">
                      {row.base ? t('etcMerge.base.present') : <None />}
                    </Cell>
                    <Cell label="etcMerge.col.local" change={row.localChange}>
                      <ChangeText side="local" change={row.localChange} inode={row.local} />
                    </Cell>
                    {merge ? (
                      <>
                        <Cell label="etcMerge.col.new" change={row.upstreamChange}>
                          <ChangeText
                            side="upstream"
                            change={row.upstreamChange}
                            inode={row.upstream}
                          />
                        </Cell>
                        <Cell
                          label="etcMerge.col.result"
                          outcome={outcomeState(row, phase, view.hasResult)}
                        >
                          <ResultText row={row} phase={phase} hasResult={view.hasResult} />
                        </Cell>
                        <Cell label="etcMerge.col.rule" className="etc-rule">
                          {row.rule ? t(`etcMerge.rule.${row.rule}`) : <None />}
                        </Cell>
                      </>
                    ) : (
                      <Cell label="etcMerge.col.change">
                        {row.letter ? (
                          <>
                            <span className="mono etc-letter">{row.letter}</span>{' '}
                            {t(`etcMerge.letter.${row.letter}`)}
                          </>
                        ) : (
                          <None />
                        )}
                      </Cell>
                    )}
                  </tr>
                  {expanded && (
                    <tr role="row" className="etc-detail-row">
                      <td role="cell" colSpan={columns.length + 1}>
                        <RowDetail id={detailId} row={row} view={view} onEdit={onEdit} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              )
            })}
          </tbody>
        </table>
      </div>
    </>
  )
}

interface Column {
  label: MessageKey
  /** Which tree the column reads, in small type under its name. */
  hint?: MessageKey
}

const MERGE_COLUMNS: readonly Column[] = [
  { label: 'etcMerge.col.base', hint: 'etcMerge.col.baseHint' },
  { label: 'etcMerge.col.local', hint: 'etcMerge.col.localHint' },
  { label: 'etcMerge.col.new', hint: 'etcMerge.col.newHint' },
  { label: 'etcMerge.col.result', hint: 'etcMerge.col.resultHint' },
  { label: 'etcMerge.col.rule' },
]

const LOCAL_COLUMNS: readonly Column[] = [
  { label: 'etcMerge.col.default', hint: 'etcMerge.col.defaultHint' },
  { label: 'etcMerge.col.local', hint: 'etcMerge.col.localHint' },
  { label: 'etcMerge.col.change' },
]

/**
 * A cell, with its column's name for the narrow layout, where the header row is not shown
 * (assistive technology reads the header cells, so the copy is hidden from it).
 */
function Cell({
  label,
  change,
  outcome,
  className,
  children,
}: {
  label: MessageKey
  change?: Change
  outcome?: string
  className?: string
  children: ReactNode
}) {
  const t = useT()
  return (
    <td role="cell" className={className} data-change={change} data-outcome={outcome}>
      <span className="etc-cell-label" aria-hidden="true">
        {t(label)}
      </span>
      {children}
    </td>
  )
}

function describe(t: T, inode: Inode | null): string {
  if (inode === null) return t('etcMerge.describe.none')
  const owner = `${inode.uid}:${inode.gid}`
  if (inode.kind === 'symlink') return t('etcMerge.describe.symlink', { target: inode.target })
  if (inode.kind === 'dir') return t('etcMerge.describe.dir', { mode: modeString(inode), owner })
  return t('etcMerge.describe.file', { mode: modeString(inode), owner, size: inode.size })
}

type Pair = 'baseLocal' | 'baseNew' | 'newResult'

/** One path: the rule in plain words, the four versions, and a text diff on demand. */
function RowDetail({
  id,
  row,
  view,
  onEdit,
}: {
  id: string
  row: EtcRow
  view: MergeView
  onEdit: ((path: string) => void) | null
}) {
  const t = useT()
  const [pair, setPair] = useState<Pair | null>(null)
  const merge = view.kind === 'merge'
  const versions: [MessageKey, Inode | null][] = merge
    ? [
        ['etcMerge.col.base', row.base],
        ['etcMerge.col.local', row.local],
        ['etcMerge.col.new', row.upstream],
        ...(view.hasResult
          ? [['etcMerge.col.result', row.result] as [MessageKey, Inode | null]]
          : []),
      ]
    : [
        ['etcMerge.col.default', row.base],
        ['etcMerge.col.local', row.local],
      ]
  const pairs: Pair[] = merge
    ? view.hasResult
      ? ['baseLocal', 'baseNew', 'newResult']
      : ['baseLocal', 'baseNew']
    : ['baseLocal']
  return (
    <section id={id} className="etc-detail" aria-label={t('etcMerge.details', { path: row.path })}>
      {row.rule && <p className="etc-rule-long">{t(`etcMerge.ruleLong.${row.rule}`)}</p>}
      <dl className="facts etc-versions">
        {versions.map(([label, inode]) => (
          <Fragment key={label}>
            <dt>{t(label)}</dt>
            <dd className="mono">{describe(t, inode)}</dd>
          </Fragment>
        ))}
      </dl>
      <div className="etc-pairs" role="group" aria-label={t('etcMerge.diff.label')}>
        {pairs.map((p) => (
          <button
            key={p}
            type="button"
            aria-pressed={pair === p}
            onClick={() => setPair(pair === p ? null : p)}
          >
            {t(`etcMerge.diff.${p}`)}
          </button>
        ))}
      </div>
      {pair !== null && <DiffView row={row} pair={pair} />}
      {onEdit !== null && (
        <p>
          <button type="button" onClick={() => onEdit(row.path)}>
            {t('etcMerge.editThis')}
          </button>
        </p>
      )}
    </section>
  )
}

type Side = 'base' | 'local' | 'upstream' | 'result'

/** The two versions each diff button compares. */
const PAIRS: Record<Pair, [Side, Side]> = {
  baseLocal: ['base', 'local'],
  baseNew: ['base', 'upstream'],
  newResult: ['upstream', 'result'],
}

const SIGN = { same: ' ', del: '-', add: '+' } as const

function DiffView({ row, pair }: { row: EtcRow; pair: Pair }) {
  const t = useT()
  const [fromKey, toKey] = PAIRS[pair]
  const from = textOf(row[fromKey])
  const to = textOf(row[toKey])
  const label = t('etcMerge.diff.region', { pair: t(`etcMerge.diff.${pair}`) })
  if (from === null || to === null) return <p className="hint">{t('etcMerge.diff.noText')}</p>
  const lines = lineDiff(from, to)
  const removed = lines.filter((l) => l.kind === 'del').length
  const added = lines.filter((l) => l.kind === 'add').length
  if (removed === 0 && added === 0) return <p className="hint">{t('etcMerge.diff.identical')}</p>
  return (
    <figure className="etc-diff">
      <figcaption className="hint">
        {label}: {t('etcMerge.diff.stats', { removed, added })}
      </figcaption>
      <pre className="output mono" tabIndex={0} aria-label={label}>
        {foldDiff(lines).map((piece, i) =>
          piece.kind === 'skip' ? (
            <span key={i} className="etc-diff-skip">
              {'⋯ '}
              {t('etcMerge.diff.skip', { count: piece.count })}
              {'\n'}
            </span>
          ) : (
            <span key={i} className={`etc-diff-${piece.kind}`}>
              {SIGN[piece.kind]} {piece.text}
              {'\n'}
            </span>
          ),
        )}
      </pre>
    </figure>
  )
}
