import { useDeferredValue, useId, useMemo, useState, type ChangeEvent } from 'react'
import type { IgnitionAction, IgnitionProblem, IgnitionStageRan } from '../../engine'
import { allDisks, MAX_EXTRA_DISKS } from '../../engine/disks'
import { lookupPath } from '../../engine/fs'
import { EXAMPLE_IGNITION, EXAMPLE_IGNITION_DATA_DISK } from '../../engine/ignition/example'
import { actionMessage } from '../../engine/ignition/messages'
import { parseIgnition } from '../../engine/ignition/parse'
import type { Machine } from '../../engine/types'
import {
  actionsOf,
  ignitionRun,
  messagesOf,
  placeOf,
  type IgnitionRun,
  type IgnitionStageView,
} from '../layout/ignitionRun'
import { selectMachine } from '../store/selectors'
import { useAct } from '../store/useAct'
import { usePlayer } from '../store/usePlayer'
import { useStepNumber } from '../store/useStepNumber'
import { useShown } from '../store/useShown'
import { useMessageText, useT, type T } from '../useT'
import { bytesMessage } from '../format'
import { Panel } from './Panel'
import './ignition.css'

/**
 * The simulator reads a config in the browser: past this size it is refused with a message rather
 * than parsed (real configs are a few kilobytes; Ignition itself sets no such limit).
 */
export const MAX_CONFIG_CHARS = 1_000_000
/** Problems listed at most; the count says how many there are in all. */
const MAX_PROBLEMS_SHOWN = 50

/** True while the machine has not finished its first boot: COSA's flag file is in /boot (reference 5.6). */
export function awaitsFirstBoot(machine: Machine): boolean {
  const boot = machine.filesystems['boot']
  return boot !== undefined && lookupPath(boot, '/ignition.firstboot') !== null
}

/**
 * Ignition: before the first boot, the config the platform will hand the machine (pasted,
 * uploaded, the example, or none), checked as it is typed; during and after the first boot, what
 * each stage did, up to the step at the cursor.
 */
export function IgnitionPanel() {
  const t = useT()
  const machine = useShown(selectMachine)
  const timeline = useShown((s) => s.timeline)
  const cursor = useShown((s) => s.cursor)
  const run = useMemo(() => ignitionRun(timeline, cursor), [timeline, cursor])
  if (!machine) return null
  const pending = awaitsFirstBoot(machine)
  const ran = run?.ran === true
  if (!pending && !ran) return null
  // The config can be given while the machine is off, or stuck in the emergency shell.
  const canConfigure =
    pending &&
    ((machine.power === 'off' && run?.outcome !== 'rebooting') || run?.outcome === 'failed')
  const showRun = run !== null && (ran || (pending && machine.power === 'on'))
  return (
    <Panel title={t('panel.ignition')} className="ignition-panel">
      {showRun && <RunView run={run} />}
      {ran && !pending && <p className="hint">{t('ignitionPanel.flagRemoved')}</p>}
      {canConfigure && <ConfigEditor machine={machine} />}
      {!canConfigure && !showRun && <p className="hint">{t('ignitionPanel.waitingBoot')}</p>}
    </Panel>
  )
}

// ---------------------------------------------------------------------------------------------
// Before the first boot: the config

interface Checked {
  problems: IgnitionProblem[]
  /** The text could not be checked at all (too large, or the checker failed). */
  unreadable: string | null
}

function check(text: string): Checked {
  if (text.length > MAX_CONFIG_CHARS) return { problems: [], unreadable: 'tooLarge' }
  try {
    return { problems: parseIgnition(text).problems, unreadable: null }
  } catch (error) {
    // parseIgnition reports problems as data; this is a last guard so the page keeps working.
    return { problems: [], unreadable: error instanceof Error ? error.message : String(error) }
  }
}

function ConfigEditor({ machine }: { machine: Machine }) {
  const t = useT()
  const act = useAct()
  const given = machine.provider.ignition
  const [draft, setDraft] = useState<string>(() => given ?? EXAMPLE_IGNITION)
  const [fileError, setFileError] = useState<string | null>(null)
  // Checking runs on a deferred copy, so typing stays smooth on a large config.
  const deferred = useDeferredValue(draft)
  const checked = useMemo(() => check(deferred), [deferred])
  const textId = useId()
  const summaryId = useId()
  const fileId = useId()
  const errors = checked.problems.filter((p) => p.kind === 'error').length
  const broken = errors > 0 || checked.unreadable !== null

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget
    const file = input.files?.[0]
    if (!file) return
    if (file.size > MAX_CONFIG_CHARS) {
      setFileError(t('ignitionPanel.fileTooLarge', { name: file.name, size: file.size }))
      input.value = ''
      return
    }
    file.text().then(
      (text) => {
        setFileError(null)
        setDraft(text)
      },
      () => setFileError(t('ignitionPanel.fileUnreadable', { name: file.name })),
    )
    // Choosing the same file again (after an edit) reads it again.
    input.value = ''
  }

  return (
    <div className="ignition-config">
      <GivenConfig given={given} draft={draft} />
      <label className="ignition-label" htmlFor={textId}>
        {t('ignitionPanel.configLabel')}
      </label>
      <textarea
        id={textId}
        className="ignition-text mono"
        value={draft}
        rows={12}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        aria-describedby={summaryId}
        aria-invalid={broken}
        onChange={(event) => setDraft(event.currentTarget.value)}
      />
      <div className="ignition-tools">
        <button type="button" onClick={() => setDraft(EXAMPLE_IGNITION)}>
          {t('ignitionPanel.useExample')}
        </button>
        <button type="button" onClick={() => setDraft(EXAMPLE_IGNITION_DATA_DISK)}>
          {t('ignitionPanel.useDiskExample')}
        </button>
        {/* The browser's own file button would speak the browser's language: this label is the
            button, and the input inside it is hidden but focusable. */}
        <label className="ignition-file" htmlFor={fileId}>
          {t('ignitionPanel.openFile')}
          <input
            id={fileId}
            className="visually-hidden"
            type="file"
            accept=".ign,.json,application/json"
            onChange={onFile}
          />
        </label>
      </div>
      {fileError !== null && (
        <p className="ignition-file-error" role="alert">
          {fileError}
        </p>
      )}
      <ProblemSummary id={summaryId} checked={checked} />
      <ProblemList problems={checked.problems} />
      {broken && <p className="ignition-warning">{t('ignitionPanel.brokenWillStop')}</p>}
      <div className="ignition-actions">
        <button
          type="button"
          className="primary"
          onClick={() => act({ type: 'provideIgnition', config: draft })}
        >
          {t('ignitionPanel.give')}
        </button>
        <button type="button" onClick={() => act({ type: 'provideIgnition', config: null })}>
          {t('ignitionPanel.giveNone')}
        </button>
      </div>
      <p className="hint">{t('ignitionPanel.giveHint')}</p>
      <MachineDisks machine={machine} />
    </div>
  )
}

/** The size of the disk the platform attaches: 10 GiB, a common size for a data disk on QEMU. */
const EXTRA_DISK_SIZE = 10 * 2 ** 30

/** The machine's disks, and a button to attach one more while the machine is off. */
function MachineDisks({ machine }: { machine: Machine }) {
  const t = useT()
  const act = useAct()
  const disks = allDisks(machine)
  const size = (n: number) => {
    const { key, value } = bytesMessage(n)
    return t(key, { value })
  }
  const canAttach = machine.power === 'off' && disks.length - 1 < MAX_EXTRA_DISKS
  return (
    <div className="ignition-disks">
      <h3>{t('ignitionPanel.disks')}</h3>
      <ul>
        {disks.map((disk, i) => (
          <li key={disk.name} className="mono">
            {t(i === 0 ? 'ignitionPanel.diskBoot' : 'ignitionPanel.diskExtra', {
              device: `/dev/${disk.name}`,
              size: size(disk.size),
            })}
          </li>
        ))}
      </ul>
      {canAttach && (
        <button type="button" onClick={() => act({ type: 'attachDisk', size: EXTRA_DISK_SIZE })}>
          {t('ignitionPanel.attachDisk', { size: size(EXTRA_DISK_SIZE) })}
        </button>
      )}
      <p className="hint">{t('ignitionPanel.attachHint')}</p>
    </div>
  )
}

/** What the platform will hand the machine at its first boot. */
function GivenConfig({ given, draft }: { given: string | null; draft: string }) {
  const t = useT()
  let text: string
  if (given === null) text = t('ignitionPanel.givenNone')
  else if (given === draft) text = t('ignitionPanel.givenThis', { size: given.length })
  else text = t('ignitionPanel.givenOther', { size: given.length })
  return (
    <dl className="facts">
      <dt>{t('ignitionPanel.given')}</dt>
      <dd>{text}</dd>
    </dl>
  )
}

function ProblemSummary({ id, checked }: { id: string; checked: Checked }) {
  const t = useT()
  const count = (kind: IgnitionProblem['kind']) =>
    checked.problems.filter((p) => p.kind === kind).length
  let text: string
  if (checked.unreadable === 'tooLarge')
    text = t('ignitionPanel.tooLarge', { max: MAX_CONFIG_CHARS })
  else if (checked.unreadable !== null)
    text = t('ignitionPanel.uncheckable', { message: checked.unreadable })
  else if (checked.problems.length === 0) text = t('ignitionPanel.valid')
  else
    text = t('ignitionPanel.summary', {
      errors: count('error'),
      unsupported: count('unsupported'),
      warnings: count('warning'),
    })
  const ok = checked.unreadable === null && count('error') === 0
  return (
    <p id={id} className="ignition-summary" data-ok={ok ? '' : undefined} role="status">
      <span aria-hidden="true" className="ignition-summary-icon">
        {ok ? '✓' : '✗'}
      </span>{' '}
      {text}
    </p>
  )
}

const KIND_ICON: Record<IgnitionProblem['kind'], string> = {
  error: '✗',
  unsupported: '◌',
  warning: '!',
}

/** Problems by JSON path: the kind in words and an icon, then the reason. */
export function ProblemList({ problems }: { problems: readonly IgnitionProblem[] }) {
  const t = useT()
  const text = useMessageText()
  if (problems.length === 0) return null
  const shown = problems.slice(0, MAX_PROBLEMS_SHOWN)
  return (
    <>
      <ul className="ignition-problems" aria-label={t('ignitionPanel.problems')}>
        {shown.map((problem, i) => (
          <li key={`${i}:${problem.path}`} className="ignition-problem" data-kind={problem.kind}>
            <span className="ignition-kind">
              <span aria-hidden="true" className="ignition-kind-icon">
                {KIND_ICON[problem.kind]}
              </span>
              {t(`ignitionPanel.kind.${problem.kind}`)}
            </span>
            <code className="ignition-path">{problem.path}</code>
            <span className="ignition-reason">{text(problem.message)}</span>
          </li>
        ))}
      </ul>
      {problems.length > shown.length && (
        <p className="hint">
          {t('ignitionPanel.moreProblems', { count: problems.length - shown.length })}
        </p>
      )}
    </>
  )
}

// ---------------------------------------------------------------------------------------------
// During and after the first boot: the stages

const STATE_ICON: Record<IgnitionStageView['state'], string> = {
  done: '✓',
  skipped: '↷',
  failed: '✗',
  pending: '○',
  notRun: '–',
}

function RunView({ run }: { run: IgnitionRun }) {
  const t = useT()
  return (
    <div className="ignition-run">
      <p className="ignition-outcome" data-outcome={run.outcome}>
        {t(`ignitionPanel.outcome.${run.outcome}`)}
      </p>
      {run.restarted && <p className="hint">{t('ignitionPanel.restarted')}</p>}
      <ol className="ignition-stages">
        {run.stages.map((stage) => (
          <StageRow key={stage.stage} stage={stage} />
        ))}
      </ol>
    </div>
  )
}

function StageRow({ stage }: { stage: IgnitionStageView }) {
  const t = useT()
  const { goTo } = usePlayer((s) => s.actions)
  const numberOf = useStepNumber()
  const state = t(`ignitionPanel.state.${stage.state}`)
  const step = stage.step
  return (
    <li
      className="ignition-stage"
      data-focus={`ignition:${stage.stage}`}
      data-state={stage.state}
      aria-current={stage.current ? 'step' : undefined}
    >
      <div className="ignition-stage-head">
        <span className="ignition-stage-icon" aria-hidden="true">
          {stage.current && stage.state !== 'failed' ? '▶' : STATE_ICON[stage.state]}
        </span>
        <span className="mono ignition-stage-name">{stage.stage}</span>
        <span className="ignition-stage-state">
          {stage.current ? `${state}, ${t('ignitionPanel.thisStep')}` : state}
        </span>
        {step !== null && !stage.current && (
          <button
            type="button"
            className="ignition-goto"
            aria-label={t('ignitionPanel.goToStage', { stage: stage.stage, step: numberOf(step) })}
            onClick={() => goTo(step)}
          >
            {t('ignitionPanel.goTo', { step: numberOf(step) })}
          </button>
        )}
      </div>
      <StageDetail stage={stage} />
    </li>
  )
}

function StageDetail({ stage }: { stage: IgnitionStageView }) {
  const t = useT()
  const event = stage.event
  const failure = stage.failure
  return (
    <>
      {event && <StageText t={t} event={event} />}
      {event?.stage === 'files' && <ActionList actions={actionsOf(event)} />}
      {failure && (
        <div className="ignition-failure">
          <p>{t('ignitionPanel.failedStage', { stage: stage.stage })}</p>
          {failure.reason !== '' && (
            <p className="mono ignition-log">
              {t('ignitionPanel.log')} {failure.reason}
            </p>
          )}
          <ProblemList problems={failure.problems} />
        </div>
      )}
    </>
  )
}

function StageText({ t, event }: { t: T; event: IgnitionStageRan }) {
  switch (event.stage) {
    case 'fetch-offline':
      return (
        <p className="ignition-detail">
          {t(event.provided ? 'ignitionPanel.fetchOffline' : 'ignitionPanel.fetchNone')}
        </p>
      )
    case 'fetch':
      return <p className="ignition-detail">{t('ignitionPanel.fetchSkipped')}</p>
    case 'kargs': {
      const { add, remove } = event
      if (add.length === 0 && remove.length === 0)
        return <p className="ignition-detail">{t('ignitionPanel.kargsUnchanged')}</p>
      const none = t('ignitionPanel.none')
      return (
        <div className="ignition-detail">
          <dl className="facts">
            <dt>{t('ignitionPanel.kargsAdded')}</dt>
            <dd className="mono">{add.length > 0 ? add.join(' ') : none}</dd>
            <dt>{t('ignitionPanel.kargsRemoved')}</dt>
            <dd className="mono">{remove.length > 0 ? remove.join(' ') : none}</dd>
          </dl>
          <p>{t('ignitionPanel.kargsReboot')}</p>
        </div>
      )
    }
    case 'disks':
      return (
        <StageMessages
          event={event}
          title={t('ignitionPanel.disksDone')}
          empty={t('ignitionPanel.disksNothing')}
        />
      )
    case 'mount':
      return (
        <StageMessages
          event={event}
          title={t('ignitionPanel.mounted')}
          empty={t('ignitionPanel.mount')}
        />
      )
    case 'umount':
      return (
        <StageMessages
          event={event}
          title={t('ignitionPanel.unmounted')}
          empty={t('ignitionPanel.umount')}
        />
      )
    default:
      return null
  }
}

/** What a stage reported, one line each (the disks stage's partitions, the mounts...). */
function StageMessages({
  event,
  title,
  empty,
}: {
  event: IgnitionStageRan
  title: string
  empty: string
}) {
  const text = useMessageText()
  const messages = messagesOf(event)
  if (messages.length === 0) return <p className="ignition-detail">{empty}</p>
  return (
    <ul className="ignition-detail ignition-messages" aria-label={title}>
      {messages.map((message, i) => (
        <li key={i}>{text(message)}</li>
      ))}
    </ul>
  )
}

/** Where the files stage's actions landed, for ostree: the order the groups are shown in. */
const GROUPS = ['etc', 'var', 'mounted', 'other', 'failed'] as const
type ActionGroup = (typeof GROUPS)[number]

function groupOf(action: IgnitionAction): ActionGroup {
  if (action.type === 'stage/failed') return 'failed'
  return placeOf(action) ?? 'other'
}

/**
 * The files stage's actions, grouped by where they landed (the deployment's /etc, the shared
 * /var, the rest), each group in the order Ignition ran it.
 */
function ActionList({ actions }: { actions: readonly IgnitionAction[] }) {
  const t = useT()
  const text = useMessageText()
  if (actions.length === 0) return <p className="ignition-detail">{t('ignitionPanel.noActions')}</p>
  const groups = GROUPS.map((group) => ({
    group,
    actions: actions.filter((action) => groupOf(action) === group),
  })).filter((g) => g.actions.length > 0)
  return (
    // A scrolling box is focusable, so it scrolls with the keyboard too.
    <div
      className="ignition-actions-list scroll"
      role="group"
      tabIndex={0}
      aria-label={t('ignitionPanel.actions', { count: actions.length })}
    >
      {groups.map(({ group, actions: members }) => {
        const title = t(`ignitionPanel.group.${group}`, { count: members.length })
        return (
          <div key={group} className="ignition-action-group" data-group={group}>
            <p className="ignition-group-title" aria-hidden="true">
              {title}
            </p>
            <ul aria-label={title}>
              {members.map((action, i) => (
                <li key={i}>{text(actionMessage(action))}</li>
              ))}
            </ul>
          </div>
        )
      })}
    </div>
  )
}
