import { useMemo } from 'react'
import { findmnt } from '../../engine/vfs'
import { findmntTree } from '../layout/mountTree'
import { selectEvent, selectMachine } from '../store/selectors'
import { useShown } from '../store/useShown'
import { useT } from '../useT'
import { MountDiagramView } from './MountDiagram'
import { Panel } from './Panel'

/** The mount namespace as it is built, mount by mount, then `findmnt --real`'s table of it. */
export function MountsPanel() {
  const t = useT()
  const machine = useShown(selectMachine)
  const event = useShown(selectEvent)
  const mounts = machine?.runtime?.mounts
  const rows = useMemo(
    () => (machine && mounts ? findmntTree(findmnt(machine, { real: true })) : []),
    // the mount table and the partitions are all findmnt reads
    [machine, mounts],
  )
  if (!machine || !mounts || mounts.length === 0) return null
  return (
    <Panel title={t('panel.mounts')} className="mounts-panel">
      <MountDiagramView machine={machine} mounts={mounts} event={event} />
      <p className="hint">{t('mounts.legend')}</p>
      <h3>{t('mounts.findmnt')}</h3>
      {rows.length === 0 ? (
        <p>{t('mounts.noReal')}</p>
      ) : (
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
              {rows.map((row, i) => (
                <tr key={`${i}:${row.target}`}>
                  <td>
                    <span aria-hidden="true">{row.prefix}</span>
                    {row.target}
                  </td>
                  <td className="wrap">{row.source}</td>
                  <td>{row.fstype}</td>
                  <td className="wrap">{row.options}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  )
}
