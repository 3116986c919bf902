import { useId } from 'react'
import { canBoot, selectMachine } from '../store/selectors'
import { useAct } from '../store/useAct'
import { usePlayer } from '../store/usePlayer'
import { useT } from '../useT'

const icon = {
  width: 16,
  height: 16,
  viewBox: '0 0 16 16',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.6,
  strokeLinecap: 'round',
  'aria-hidden': true,
  focusable: false,
} as const

/** A plug with its cord, apart from the socket. */
function PlugIcon() {
  return (
    <svg {...icon}>
      <path d="M5 1.5v3M9 1.5v3M3.5 4.5h7v2.5a3.5 3.5 0 0 1-7 0zM7 10.5v2a2 2 0 0 0 2 2h5" />
    </svg>
  )
}

/** The IEC power symbol. */
function PowerIcon() {
  return (
    <svg {...icon}>
      <path d="M8 1.5v6M4.6 3.6a5.5 5.5 0 1 0 6.8 0" />
    </svg>
  )
}

/**
 * The machine's power, in the player bar so it is at hand at every step: "Pull the plug" while it
 * is powered (during an upgrade, its finalization, a boot, or at rest), "Power on" once it is off.
 * Either acts on the machine shown and forks the timeline there; the engine computes what follows
 * (a power cut boots whatever /boot/loader names at that moment).
 */
export default function PowerControl() {
  const t = useT()
  const act = useAct()
  const hint = useId()
  const machine = usePlayer(selectMachine)
  if (!machine) return null
  const on = machine.power === 'on'
  return (
    <div className="power" role="group" aria-label={t('power.group')}>
      <button
        type="button"
        className={on ? 'pull-plug' : undefined}
        aria-describedby={hint}
        disabled={!on && !canBoot(machine)}
        onClick={() => act(on ? { type: 'powerLoss' } : { type: 'boot' })}
      >
        {on ? <PlugIcon /> : <PowerIcon />}{' '}
        {/* as wide as the wider of its two names, so the timeline beside it does not move */}
        <span className="power-labels">
          <span className="button-label">{t(on ? 'power.pullPlug' : 'power.powerOn')}</span>
          <span className="power-other" aria-hidden="true">
            {t(on ? 'power.powerOn' : 'power.pullPlug')}
          </span>
        </span>
      </button>
      <p id={hint} className="visually-hidden">
        {t(on ? 'power.pullPlugHint' : 'power.powerOnHint')}
      </p>
    </div>
  )
}
