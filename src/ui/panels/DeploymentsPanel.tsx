import { useMemo } from 'react'
import { listDeployments, ostreeAdminStatus } from '../../engine'
import { selectMachine } from '../store/selectors'
import { usePlayer } from '../store/usePlayer'
import { useT } from '../useT'
import { Panel } from './Panel'

const FLAGS = ['isDefault', 'booted', 'staged', 'pending', 'rollback', 'pinned'] as const

/** A card per deployment, and the same state as `ostree admin status` prints it. */
export function DeploymentsPanel() {
  const t = useT()
  const machine = usePlayer(selectMachine)
  const deployments = useMemo(() => (machine ? listDeployments(machine) : []), [machine])
  const status = useMemo(() => (machine ? ostreeAdminStatus(machine) : ''), [machine])
  if (deployments.length === 0) return null
  return (
    <Panel title={t('panel.deployments')} className="deployments-panel">
      <ol className="cards">
        {deployments.map((d) => (
          <li
            key={`${d.stateroot}/${d.checksum}.${d.serial}`}
            className="card"
            data-booted={d.booted ? '' : undefined}
            data-staged={d.staged ? '' : undefined}
          >
            <div className="card-head">
              <h3>{t('deployments.card', { index: d.index })}</h3>
              {FLAGS.filter((flag) => d[flag]).map((flag) => (
                <span key={flag} className={`badge flag-${flag}`}>
                  {t(`deployments.flag.${flag}`)}
                </span>
              ))}
            </div>
            <dl>
              <dt>{t('deployments.version')}</dt>
              <dd>{d.version ?? '—'}</dd>
              <dt>{t('deployments.checksum')}</dt>
              <dd className="mono" title={d.checksum}>
                {d.checksum.slice(0, 12)}…
              </dd>
              <dt>{t('deployments.serial')}</dt>
              <dd>{d.serial}</dd>
              {d.refspec !== null && (
                <>
                  <dt>{t('deployments.refspec')}</dt>
                  <dd className="mono">{d.refspec}</dd>
                </>
              )}
            </dl>
          </li>
        ))}
      </ol>
      <h3>{t('deployments.statusTitle')}</h3>
      <div className="scroll" tabIndex={0} role="region" aria-label={t('deployments.statusTitle')}>
        <pre className="output">{status}</pre>
      </div>
    </Panel>
  )
}
