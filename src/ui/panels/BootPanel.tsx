import { useMemo } from 'react'
import { grubMenu } from '../../engine/grub'
import type { Machine, MachineEvent } from '../../engine/types'
import { bootChain, type ChainGroupView, type ChainNode } from '../layout/bootChain'
import { selectEvent, selectMachine } from '../store/selectors'
import { usePlayer } from '../store/usePlayer'
import { useStepNumber } from '../store/useStepNumber'
import { useShown } from '../store/useShown'
import { useT, type T } from '../useT'
import { GrubChooser, GrubScreen, type GrubEntry } from './GrubMenu'
import { Panel } from './Panel'

/** The boot chain of the power cycle at the cursor, GRUB's menu, and the kernel command line. */
export function BootPanel() {
  const t = useT()
  const machine = useShown(selectMachine)
  const event = useShown(selectEvent)
  const timeline = useShown((s) => s.timeline)
  const cursor = useShown((s) => s.cursor)
  const chain = useMemo(() => bootChain(timeline, cursor), [timeline, cursor])
  const menu = useMemo(() => (machine ? grubMenu(machine) : []), [machine])
  // A machine that cannot boot yet (the image is not written) has no boot to show.
  if (!machine || (!machine.runtime && menu.length === 0)) return null
  const runtime = machine.runtime
  const booted = runtime?.booted
  return (
    <Panel title={t('panel.boot')} className="boot-panel">
      <dl className="facts">
        <dt>{t('boot.power')}</dt>
        <dd>
          <strong>{t(`boot.power.${machine.power}`)}</strong>
        </dd>
        <dt>{t('boot.booted')}</dt>
        <dd className={booted ? 'mono' : undefined}>
          {booted ? `${booted.checksum.slice(0, 12)}….${booted.serial}` : t('boot.notBooted')}
        </dd>
      </dl>
      <GrubArea machine={machine} event={event} />
      {chain && (
        <>
          <h3>{t('boot.phase')}</h3>
          {chain.upcoming && <p className="hint">{t('boot.upcoming')}</p>}
          <ChainView groups={chain.groups} />
        </>
      )}
      {runtime && runtime.cmdline !== '' && (
        <>
          <h3>{t('boot.cmdline')}</h3>
          <p className="cmdline mono">{runtime.cmdline}</p>
        </>
      )}
    </Panel>
  )
}

function entriesOf(event: MachineEvent | undefined): GrubEntry[] | null {
  return event?.type === 'grub/menu' ? event.entries : null
}

/** GRUB's menu as it shows at this step, and the button to boot another entry. */
function GrubArea({ machine, event }: { machine: Machine; event: MachineEvent | undefined }) {
  const shown = entriesOf(event)
  const selected = event?.type === 'grub/menu' ? event.selected : 0
  return (
    <div className="grub-area" data-focus="grub-menu">
      {shown && <GrubScreen entries={shown} selected={selected} />}
      <GrubChooser machine={machine} />
    </div>
  )
}

const STATE_ICON: Record<ChainNode['state'], string> = {
  done: '✓',
  current: '▶',
  active: '…',
  pending: '○',
}

function nodeLabel(t: T, node: ChainNode): string {
  switch (node.kind) {
    case 'unit':
      return node.unit ?? ''
    case 'ignition':
      return t('boot.node.ignition', { stage: node.stage ?? '' })
    default:
      return t(`boot.node.${node.kind}`)
  }
}

/** The chain as a timeline: one row per group, its units in the order they ran. */
function ChainView({ groups }: { groups: readonly ChainGroupView[] }) {
  const t = useT()
  const { goTo } = usePlayer((s) => s.actions)
  const numberOf = useStepNumber()
  return (
    <ol className="chain">
      {groups.map((group) => (
        <li key={group.group} className="chain-group" data-state={group.state}>
          <span className="chain-group-name">{t(`boot.group.${group.group}`)}</span>
          <ol className="chain-nodes">
            {group.nodes.map((node) => {
              const first = node.steps[0] ?? 0
              const state = node.failed ? t('boot.state.failed') : t(`boot.state.${node.state}`)
              const label = nodeLabel(t, node)
              const skipped = node.skipped ? ` (${t('boot.state.skipped')})` : ''
              const go = t('boot.goToStep', { step: numberOf(first) })
              return (
                <li key={node.id}>
                  <button
                    type="button"
                    className="chain-node"
                    data-state={node.state}
                    data-failed={node.failed ? '' : undefined}
                    aria-current={node.state === 'current' ? 'step' : undefined}
                    aria-label={`${label}${skipped}, ${state}. ${go}`}
                    title={go}
                    onClick={() => goTo(first)}
                  >
                    <span className="chain-icon" aria-hidden="true">
                      {node.failed ? '✗' : STATE_ICON[node.state]}
                    </span>
                    <span className={node.kind === 'unit' ? 'mono' : undefined}>{label}</span>
                    {node.skipped && <span className="chain-skipped">{skipped.trim()}</span>}
                  </button>
                </li>
              )
            })}
          </ol>
        </li>
      ))}
    </ol>
  )
}
