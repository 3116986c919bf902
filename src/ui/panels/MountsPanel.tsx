import { useMemo } from 'react'
import { findmntRows, mountOptions } from '../layout/mountTree'
import { selectMachine } from '../store/selectors'
import { usePlayer } from '../store/usePlayer'
import { useT } from '../useT'
import { Panel } from './Panel'

/** The runtime mount table, laid out as `findmnt` prints it. */
export function MountsPanel() {
  const t = useT()
  const machine = usePlayer(selectMachine)
  const mounts = machine?.runtime?.mounts
  const rows = useMemo(
    () => (machine && mounts ? findmntRows(machine, mounts) : []),
    [machine, mounts],
  )
  if (rows.length === 0) return null
  return (
    <Panel title={t('panel.mounts')} className="mounts-panel">
      <div className="scroll" tabIndex={0} role="region" aria-label={t('mounts.caption')}>
        <table className="mounts">
          <caption className="visually-hidden">{t('mounts.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('mounts.target')}</th>
              <th scope="col">{t('mounts.source')}</th>
              <th scope="col">{t('mounts.fstype')}</th>
              <th scope="col">{t('mounts.options')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ mount, prefix, source }) => (
              <tr key={mount.id}>
                <td>
                  <span aria-hidden="true">{prefix}</span>
                  {mount.target}
                </td>
                <td className="wrap">{source}</td>
                <td>{mount.fstype}</td>
                <td className="wrap">{mountOptions(mount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  )
}
