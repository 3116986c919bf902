import type { Runtime } from '../../engine/types'
import type { MessageKey } from '../../i18n'
import { selectMachine } from '../store/selectors'
import { usePlayer } from '../store/usePlayer'
import { useT } from '../useT'
import { Panel } from './Panel'

const PHASES: readonly Runtime['phase'][] = [
  'firmware',
  'bootloader',
  'initramfs',
  'running',
  'shutdown',
]

/** Power, where the boot has got to, the kernel command line and the units that ran. */
export function BootPanel() {
  const t = useT()
  const machine = usePlayer(selectMachine)
  const runtime = machine?.runtime
  // A machine that has never run has no boot to show.
  if (!machine || !runtime) return null
  const booted = runtime.booted
  return (
    <Panel title={t('panel.boot')} className="boot-panel">
      <p>
        {t('boot.power')}: <strong>{t(`boot.power.${machine.power}`)}</strong>
      </p>
      <h3>{t('boot.phase')}</h3>
      <ol className="chain">
        {PHASES.map((phase) => (
          <li key={phase} aria-current={phase === runtime.phase ? 'step' : undefined}>
            {t(`boot.phase.${phase}` as MessageKey)}
          </li>
        ))}
      </ol>
      <h3>{t('boot.booted')}</h3>
      <p className="mono">
        {booted ? `${booted.stateroot} ${booted.checksum}.${booted.serial}` : t('boot.notBooted')}
      </p>
      {runtime.cmdline !== '' && (
        <>
          <h3>{t('boot.cmdline')}</h3>
          <p className="cmdline mono">{runtime.cmdline}</p>
        </>
      )}
      <h3>{t('boot.units')}</h3>
      {runtime.units.length === 0 ? (
        <p>{t('boot.noUnits')}</p>
      ) : (
        <ol className="units">
          {runtime.units.map((unit, i) => (
            <li key={`${i}:${unit.name}`}>
              <span className="mono">{unit.name}</span>{' '}
              <span className={`result-${unit.result}`}>{t(`boot.result.${unit.result}`)}</span>
            </li>
          ))}
        </ol>
      )}
    </Panel>
  )
}
