import { useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import type { BootEntry, DeploymentInfo, LoaderState } from '../../engine'
import {
  listDeployments,
  loaderState,
  ostreeAdminStatus,
  rpmOstreeStatus,
} from '../../engine/status'
import { sameDeployment } from '../../engine/sysroot'
import type { Machine } from '../../engine/types'
import {
  cardKey,
  changedCards,
  changedLines,
  finalizingAt,
  flagsOf,
  touchedBoot,
} from '../layout/deploymentsView'
import { selectEvent, selectMachine, selectPrevious, selectTouched } from '../store/selectors'
import { useShown } from '../store/useShown'
import { useT } from '../useT'
import { LoaderPicture } from './LoaderPicture'
import { Panel } from './Panel'

const NOTHING: readonly string[] = []

/**
 * A card per deployment, where /boot/loader points and what GRUB boots without input, and three
 * views of the same state: `rpm-ostree status`, `ostree admin status` and the BLS entries of each
 * `loader.N`. What the step changed is marked.
 */
export function DeploymentsPanel() {
  const t = useT()
  const machine = useShown(selectMachine)
  const previous = useShown(selectPrevious)
  const touched = useShown(selectTouched) ?? NOTHING
  const event = useShown(selectEvent)
  const timeline = useShown((s) => s.timeline)
  const cursor = useShown((s) => s.cursor)
  const deployments = useMemo(() => (machine ? listDeployments(machine) : []), [machine])
  const before = useMemo(() => (previous ? listDeployments(previous) : null), [previous])
  const loader = useMemo(() => (machine ? loaderState(machine) : null), [machine])
  const loaderBefore = useMemo(() => (previous ? loaderState(previous) : null), [previous])
  const changed = useMemo(
    () => changedCards(deployments, before, touched),
    [deployments, before, touched],
  )
  const texts = useMemo(() => machine && statusTexts(machine), [machine])
  const textsBefore = useMemo(() => (previous ? statusTexts(previous) : null), [previous])
  if (!machine || !texts || deployments.length === 0) return null
  const byDefault = deployments.find((d) => d.isDefault)
  // at a power cut: what /boot names survives; a staged deployment waited in /run and is lost
  const cut = event?.type === 'power/lost'
  const stagedLost = event?.type === 'power/lost' ? event.stagedLost : null
  // taken out of /run at shutdown and not yet named by /boot/loader: no tool lists it
  const finalizing = finalizingAt(timeline, cursor)
  const inFinalization =
    finalizing && !deployments.some((d) => sameDeployment(d, finalizing.deployment))
      ? timeline[finalizing.before]?.machine
      : undefined
  const written = inFinalization
    ? listDeployments(inFinalization).find((d) => sameDeployment(d, finalizing?.deployment))
    : undefined
  const lost = deployments.some((d) => sameDeployment(d, stagedLost))
    ? undefined
    : before?.find((d) => sameDeployment(d, stagedLost))
  return (
    <Panel title={t('panel.deployments')} className="deployments-panel">
      {loader && (
        <div className="loader-row" data-focus="loader" data-survives={cut ? '' : undefined}>
          <dl className="facts loader-facts">
            <dt>{t('deployments.loader')}</dt>
            <dd className={touchedBoot(touched, 'loader') ? 'mono touched' : 'mono'}>
              {loader.loader === null
                ? t('deployments.loaderNone')
                : `/boot/loader → ${loader.loader}`}
            </dd>
            {loader.tmp !== null && (
              <>
                <dt>{t('deployments.loaderTmp')}</dt>
                <dd className={touchedBoot(touched, 'loader.tmp') ? 'mono touched' : 'mono'}>
                  {`/boot/loader.tmp → ${loader.tmp}`}
                </dd>
              </>
            )}
            {byDefault && (
              <>
                <dt>{t('deployments.defaultBoot')}</dt>
                <dd>
                  <strong>{byDefault.version ?? byDefault.checksum.slice(0, 12)}</strong>
                </dd>
              </>
            )}
          </dl>
          {loader.dirs.length > 0 && (
            <LoaderPicture state={loader} before={loaderBefore} touched={touched} />
          )}
        </div>
      )}
      {!machine.runtime?.booted && <p className="hint">{t('deployments.notBooted')}</p>}
      <ol className="cards">
        {deployments.map((d) => (
          <DeploymentCard key={cardKey(d)} d={d} changed={changed.has(cardKey(d))} survives={cut} />
        ))}
        {lost && <UnlistedCard d={lost} state="lost" />}
        {written && <UnlistedCard d={written} state="finalizing" />}
      </ol>
      <StatusTabs texts={texts} before={textsBefore} loader={loader} touched={touched} />
    </Panel>
  )
}

function DeploymentCard({
  d,
  changed,
  survives,
}: {
  d: DeploymentInfo
  changed: boolean
  survives: boolean
}) {
  const t = useT()
  return (
    <li
      className={changed ? 'card touched' : 'card'}
      data-survives={survives ? '' : undefined}
      data-focus={`deployment:${d.checksum}.${d.serial}`}
      data-booted={d.booted ? '' : undefined}
      data-staged={d.staged ? '' : undefined}
    >
      <div className="card-head">
        <h3>{t('deployments.card', { index: d.index })}</h3>
        {flagsOf(d).map((flag) => (
          <span key={flag} className={`badge flag-${flag}`}>
            {t(`deployments.flag.${flag}`)}
          </span>
        ))}
        {changed && <span className="badge changed">{t('common.changed')}</span>}
      </div>
      <dl>
        <dt>{t('deployments.version')}</dt>
        <dd>{d.version ?? '—'}</dd>
        <dt>{t('deployments.checksum')}</dt>
        <dd className="mono">
          <abbr title={d.checksum}>{d.checksum.slice(0, 12)}…</abbr>
        </dd>
        <dt>{t('deployments.serial')}</dt>
        <dd>{d.serial}</dd>
        {d.refspec !== null && (
          <>
            <dt>{t('deployments.refspec')}</dt>
            <dd className="mono">{d.refspec}</dd>
          </>
        )}
        <dt>{t('deployments.entry')}</dt>
        <dd className={d.entry === null ? undefined : 'mono'}>
          {d.entry ?? t('deployments.noEntry')}
        </dd>
      </dl>
    </li>
  )
}

/**
 * A deployment no tool lists at this step, drawn where it stands, with why: the one being
 * finalized, between /run and /boot, or the staged one a power cut lost (it waited in /run).
 */
function UnlistedCard({ d, state }: { d: DeploymentInfo; state: 'finalizing' | 'lost' }) {
  const t = useT()
  return (
    <li className={`card card-${state}`} data-focus={`deployment:${d.checksum}.${d.serial}`}>
      <div className="card-head">
        <h3>{d.version ?? `${d.checksum.slice(0, 12)}…`}</h3>
        <span className={`badge flag-${state}`}>{t(`deployments.flag.${state}`)}</span>
      </div>
      <p>{t(state === 'lost' ? 'deployments.lostStaged' : 'deployments.finalizing')}</p>
    </li>
  )
}

interface StatusTexts {
  rpmOstree: string
  ostree: string
}

const statusTexts = (machine: Machine): StatusTexts => ({
  rpmOstree: rpmOstreeStatus(machine),
  ostree: ostreeAdminStatus(machine),
})

const TABS = ['rpmOstree', 'ostree', 'entries'] as const
type Tab = (typeof TABS)[number]

const TAB_TITLE = {
  rpmOstree: 'deployments.rpmOstreeTitle',
  ostree: 'deployments.statusTitle',
  entries: 'deployments.entriesTitle',
} as const

interface StatusTabsProps {
  texts: StatusTexts
  /** The same texts at the step before, to mark what changed; null at the first step. */
  before: StatusTexts | null
  loader: LoaderState | null
  touched: readonly string[]
}

/**
 * The three views as tabs (WAI-ARIA tabs pattern: ← → Home End move between tabs and show them;
 * the keys do not step the player while a tab has focus). A tab whose view changed at this step
 * says so.
 */
function StatusTabs({ texts, before, loader, touched }: StatusTabsProps) {
  const t = useT()
  const base = useId()
  const [selected, setSelected] = useState<Tab>('rpmOstree')
  const refs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({})
  const rpmLines = useMemo(
    () => changedLines((before ?? texts).rpmOstree, texts.rpmOstree),
    [before, texts],
  )
  const ostreeLines = useMemo(
    () => changedLines((before ?? texts).ostree, texts.ostree),
    [before, texts],
  )
  const changed: Record<Tab, boolean> = {
    rpmOstree: rpmLines.some(Boolean),
    ostree: ostreeLines.some(Boolean),
    entries: touched.some((p) => p.startsWith('boot:/loader')),
  }
  const select = (tab: Tab) => {
    setSelected(tab)
    refs.current[tab]?.focus()
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = TABS.indexOf(selected)
    const moves: Record<string, number> = {
      ArrowLeft: (at + TABS.length - 1) % TABS.length,
      ArrowRight: (at + 1) % TABS.length,
      Home: 0,
      End: TABS.length - 1,
    }
    const to = moves[event.key]
    if (to === undefined) return
    event.preventDefault()
    event.stopPropagation()
    select(TABS[to] ?? selected)
  }
  const views: Record<Tab, ReactNode> = {
    rpmOstree: <MarkedText text={texts.rpmOstree} changed={rpmLines} />,
    ostree: <MarkedText text={texts.ostree} changed={ostreeLines} />,
    entries: <BootEntries loader={loader} touched={touched} />,
  }
  return (
    <div className="status-tabs">
      <div
        role="tablist"
        aria-label={t('deployments.views')}
        className="tabs"
        onKeyDown={onKeyDown}
      >
        {TABS.map((tab) => (
          <button
            key={tab}
            ref={(el) => {
              refs.current[tab] = el
            }}
            type="button"
            role="tab"
            id={`${base}-${tab}`}
            aria-selected={tab === selected}
            aria-controls={`${base}-${tab}-panel`}
            tabIndex={tab === selected ? 0 : -1}
            className={tab === 'entries' ? undefined : 'mono'}
            onClick={() => setSelected(tab)}
          >
            {t(TAB_TITLE[tab])}
            {changed[tab] && (
              <span className="tab-changed">
                <span aria-hidden="true"> ●</span>
                <span className="visually-hidden">{`, ${t('deployments.tabChanged')}`}</span>
              </span>
            )}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${base}-${selected}-panel`}
        aria-labelledby={`${base}-${selected}`}
        tabIndex={0}
        className="scroll tab-panel"
      >
        {views[selected]}
      </div>
    </div>
  )
}

/** A tool's output, the lines that changed at this step marked. */
function MarkedText({ text, changed }: { text: string; changed: readonly boolean[] }) {
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n')
  return (
    <pre className="output">
      {lines.map((line, i) =>
        changed[i] ? (
          <mark key={i} className="touched-line">
            {line}
            {'\n'}
          </mark>
        ) : (
          <span key={i}>
            {line}
            {'\n'}
          </span>
        ),
      )}
    </pre>
  )
}

/** Each `loader.N` of /boot, the one GRUB reads first, with the text of its entries. */
function BootEntries({
  loader,
  touched,
}: {
  loader: LoaderState | null
  touched: readonly string[]
}) {
  const t = useT()
  if (!loader || loader.dirs.length === 0)
    return <p className="tab-note">{t('deployments.noDirs')}</p>
  const dirs = [...loader.dirs].sort((a, b) => Number(b.active) - Number(a.active))
  return (
    <div className="loader-dirs">
      {dirs.map((dir) => (
        <div key={dir.name} className="loader-dir" data-active={dir.active ? '' : undefined}>
          <h3 className={touchedBoot(touched, dir.name) ? 'touched' : undefined}>
            {t(dir.active ? 'deployments.dirActive' : 'deployments.dirInactive', { dir: dir.name })}
          </h3>
          {dir.entries.length === 0 ? (
            <p className="tab-note">{t('deployments.dirEmpty')}</p>
          ) : (
            <ul className="bls-entries">
              {dir.entries.map((entry) => (
                <BlsEntry
                  key={entry.name}
                  path={`${dir.name}/entries/${entry.name}`}
                  entry={entry}
                  touched={touched}
                />
              ))}
            </ul>
          )}
        </div>
      ))}
    </div>
  )
}

/** One BLS file: its name and title, and its text on demand; open when the step wrote it. */
function BlsEntry({
  path,
  entry,
  touched,
}: {
  path: string
  entry: BootEntry
  touched: readonly string[]
}) {
  const t = useT()
  const mark = touchedBoot(touched, path)
  return (
    <li className="bls-entry">
      <details open={mark || undefined}>
        <summary className={mark ? 'touched' : undefined}>
          <span className="mono">{entry.name}</span>{' '}
          <span className="title">{entry.keys.title ?? ''}</span>
          {mark && (
            <>
              {' '}
              <span className="badge changed">{t('common.changed')}</span>
            </>
          )}
        </summary>
        <pre className="output">{entry.text}</pre>
      </details>
    </li>
  )
}
