import { scaleLinear } from 'd3-scale'
import { memo, useId, useMemo, useState, type CSSProperties } from 'react'
import { allDisks, blockDevices, BOOT_DISK } from '../../engine/disks'
import type { DirInode, Disk, Filesystem, Machine, Partition } from '../../engine/types'
import { useTween } from '../anim/hooks'
import { bytesMessage } from '../format'
import { fsStats } from '../layout/fsStats'
import {
  isObjectsDir,
  landmarks,
  objectCounts,
  PAGE,
  treeRows,
  touchIndex,
  type TreeRow,
} from '../layout/fileTree'
import { selectMachine, selectTouched } from '../store/selectors'
import { useShown } from '../store/useShown'
import { useT, type T } from '../useT'
import { Panel } from './Panel'
import { PullFlow } from './PullFlow'

/** The boot disk's trees worth opening: the physical root (`/sysroot` once booted) and /boot. */
const DISK_TREES = ['root', 'boot'] as const
const NOTHING: readonly string[] = []

interface TreeSource {
  key: string
  fs: Filesystem
  label: string
  /** In memory (tmpfs): lost at power-off. */
  volatile: boolean
}

function treesOf(machine: Machine): TreeSource[] {
  const disk = DISK_TREES.flatMap((key) => {
    const fs = machine.filesystems[key]
    return fs ? [{ key, fs, label: fs.label, volatile: false }] : []
  })
  // Filesystems Ignition made on the extra disks, known by their label, else by their device.
  const extra = blockDevices(machine).flatMap((device) => {
    const key = device.filesystem
    const fs = key === null || device.disk === BOOT_DISK ? undefined : machine.filesystems[key]
    if (key === null || fs === undefined) return []
    return [{ key, fs, label: fs.label === '' ? device.path : fs.label, volatile: false }]
  })
  // What lives in memory matters too: a staged deployment waits in /run for shutdown. It is
  // known by where it is mounted.
  const memory = Object.entries(machine.volatile).map(([key, fs]) => {
    const mount = machine.runtime?.mounts.find((m) => m.filesystem === key && m.subtree === '/')
    return { key, fs, label: mount?.target ?? fs.label, volatile: true }
  })
  return [...disk, ...extra, ...memory]
}

function bytes(t: T, n: number): string {
  const { key, value } = bytesMessage(n)
  return t(key, { value })
}

/** Partitions with how full each filesystem is, and the trees of the physical root and /boot. */
export function DiskPanel() {
  const t = useT()
  const machine = useShown(selectMachine)
  const touched = useShown(selectTouched) ?? NOTHING
  if (!machine) return null
  const trees = treesOf(machine)
  const changed = touched.filter((path) =>
    trees.some((tree) => path.startsWith(`${tree.key}:`)),
  ).length
  return (
    <Panel title={t('panel.disk')} className="disk-panel">
      <PullFlow />
      {allDisks(machine).map((disk) => (
        <DiskView key={disk.name} disk={disk} machine={machine} />
      ))}
      {changed > 0 && <p className="hint">{t('disk.touched', { count: changed })}</p>}
      {trees.map((tree) => (
        <FileTree
          key={tree.key}
          fsKey={tree.key}
          fs={tree.fs}
          label={tree.label}
          volatile={tree.volatile}
          touched={touched}
        />
      ))}
      {trees.length > 0 && <p className="hint">{t('disk.treeHint')}</p>}
    </Panel>
  )
}

/** One disk: its partition table, or what it holds instead (nothing yet, one filesystem). */
function DiskView({ disk, machine }: { disk: Disk; machine: Machine }) {
  const t = useT()
  const device = `/dev/${disk.name}`
  const size = bytes(t, disk.size)
  if (disk.partitions.length === 0) {
    const whole = disk.filesystem === null ? undefined : machine.filesystems[disk.filesystem]
    // The boot disk before the image is written has no size of its own to show.
    if (disk.name === BOOT_DISK) return <p>{t('disk.blank')}</p>
    return (
      <p className="disk-device">
        {whole
          ? `${t('disk.wholeDisk', { device, size })} (${whole.fstype})`
          : t('disk.deviceBlank', { device, size })}
      </p>
    )
  }
  return (
    <div className="disk-device">
      <h3 className="mono">{t('disk.deviceHeading', { device, size })}</h3>
      <PartitionTable disk={disk} machine={machine} />
    </div>
  )
}

function PartitionTable({ disk, machine }: { disk: Disk; machine: Machine }) {
  const t = useT()
  return (
    <table className="partitions">
      <caption className="visually-hidden">
        {t('disk.partitionsOf', { device: `/dev/${disk.name}` })}
      </caption>
      <thead>
        <tr>
          <th scope="col" className="num">
            {t('disk.number')}
          </th>
          <th scope="col">{t('disk.label')}</th>
          <th scope="col">{t('disk.filesystem')}</th>
          <th scope="col" className="num">
            {t('disk.size')}
          </th>
          <th scope="col">{t('disk.used')}</th>
        </tr>
      </thead>
      <tbody>
        {disk.partitions.map((partition) => (
          <PartitionRow key={partition.number} partition={partition} machine={machine} />
        ))}
      </tbody>
    </table>
  )
}

function PartitionRow({ partition, machine }: { partition: Partition; machine: Machine }) {
  const t = useT()
  const fs = partition.filesystem === null ? undefined : machine.filesystems[partition.filesystem]
  const used = fs ? fsStats(fs).bytes : 0
  const width = useTween(
    scaleLinear().domain([0, partition.size]).range([0, 100]).clamp(true)(used),
  )
  const label = t('disk.usedBar', { used: bytes(t, used), size: bytes(t, partition.size) })
  return (
    <tr>
      <td className="num">{partition.number}</td>
      <td className="mono">{partition.label}</td>
      <td>
        {fs ? fs.fstype : partition.filesystem === null ? t('disk.raw') : t('disk.unformatted')}
      </td>
      <td className="num">{bytes(t, partition.size)}</td>
      <td>
        {fs && (
          <span className="meter" role="img" aria-label={label} title={label}>
            {/* at least a sliver, so a filesystem that holds anything shows it */}
            <span
              className="meter-fill"
              style={{ width: `${used > 0 ? Math.max(width, 1) : 0}%` }}
            />
          </span>
        )}
      </td>
    </tr>
  )
}

interface FileTreeProps {
  fsKey: string
  fs: Filesystem
  label: string
  /** A filesystem in memory (tmpfs), lost at power-off. */
  volatile: boolean
  touched: readonly string[]
}

/** One filesystem as a tree; directories open and close, and what the step touched is marked. */
const FileTree = memo(function FileTree({ fsKey, fs, label, volatile, touched }: FileTreeProps) {
  const t = useT()
  const headingId = useId()
  const [overrides, setOverrides] = useState<ReadonlyMap<string, boolean>>(new Map())
  const [limits, setLimits] = useState<ReadonlyMap<string, number>>(new Map())
  const index = useMemo(() => touchIndex(touched, fsKey), [touched, fsKey])
  const rows = useMemo(
    () =>
      treeRows(fs, { fsKey, touched: index, overrides, limits, openByDefault: landmarks(fsKey) }),
    [fs, fsKey, index, overrides, limits],
  )
  const stats = fsStats(fs)
  const actions: TreeActions = {
    toggle: (path, open) => setOverrides((previous) => new Map(previous).set(path, !open)),
    more: (dir, shown) => setLimits((previous) => new Map(previous).set(dir, shown + PAGE)),
  }

  return (
    <div className="file-tree">
      <h3 id={headingId}>
        {t(volatile ? 'disk.volatileTree' : 'disk.tree', { label })}{' '}
        <span className="meta">
          ({fs.fstype}, {t('disk.files', { files: stats.files, dirs: stats.dirs })})
        </span>
      </h3>
      <div className="scroll" tabIndex={0} role="region" aria-labelledby={headingId}>
        <ul className="tree">
          {rows.map((row) => (
            <TreeLine key={row.key} row={row} fs={fs} t={t} actions={actions} />
          ))}
        </ul>
      </div>
    </div>
  )
})

/**
 * A name with a full checksum in it (a deployment `<sha256>.0`, a kernel directory, a repo object),
 * cut to its first 12 digits as `ostree admin status` users read them; the rest is in a tooltip.
 */
function shortName(name: string): string {
  return name.replace(/[0-9a-f]{40,}/, (hex) => `${hex.slice(0, 12)}…`)
}

interface TreeActions {
  toggle: (path: string, open: boolean) => void
  /** Lists a page more of `dir`, which lists `shown` entries now. */
  more: (dir: string, shown: number) => void
}

function TreeLine({
  row,
  fs,
  t,
  actions,
}: {
  row: TreeRow
  fs: Filesystem
  t: T
  actions: TreeActions
}) {
  const style = { '--depth': row.depth } as CSSProperties
  if (row.kind === 'more') {
    return (
      <li style={style} className="more leaf">
        <span>{t('disk.more', { count: row.count })}</span>
        <button type="button" onClick={() => actions.more(row.dir, row.shown)}>
          {t('disk.showMore', { count: Math.min(PAGE, row.count) })}
        </button>
      </li>
    )
  }
  const { inode } = row
  const name = row.depth === 0 ? '/' : shortName(row.name)
  // the whole name, when a checksum in it is cut short
  const title = name === row.name || row.depth === 0 ? undefined : row.name
  const className = row.touched ? 'touched-row' : undefined
  const changed = row.touched && <span className="badge">{t('common.changed')}</span>
  if (inode.kind === 'dir') {
    const count = Object.keys(inode.entries).length
    const label = `${name}${row.depth === 0 ? '' : '/'}`
    if (count === 0) {
      return (
        <li style={style} className={className ? `leaf ${className}` : 'leaf'}>
          <span title={title}>{label}</span>
          <span className="meta">{t('disk.emptyDir')}</span>
          {changed}
        </li>
      )
    }
    const objects = isObjectsDir(row.path)
    return (
      <li style={style} className={objects ? `summary-row ${className ?? ''}` : className}>
        <button
          type="button"
          title={title}
          aria-expanded={row.expanded}
          onClick={() => actions.toggle(row.path, row.expanded)}
        >
          <span aria-hidden="true">{row.expanded ? '▾' : '▸'}</span> {label}
        </button>
        <span className={objects ? 'meta summary' : 'meta'}>
          {objects ? <ObjectsSummary fs={fs} dir={inode} t={t} /> : t('disk.entries', { count })}
        </span>
        {changed}
        {!row.expanded && row.holdsTouched && (
          <span className="badge">{t('disk.changedInside')}</span>
        )}
      </li>
    )
  }
  return (
    <li style={style} className={className ? `leaf ${className}` : 'leaf'}>
      <span title={title}>{name}</span>
      {inode.kind === 'symlink' ? (
        <span className="meta">→ {inode.target}</span>
      ) : (
        <span className="meta">
          {bytes(t, inode.size)}
          {inode.nlink > 1 && ` · ${t('disk.links', { count: inode.nlink })}`}
        </span>
      )}
      {changed}
    </li>
  )
}

/** What `objects/` holds, counted by type, so the 256 folders need not be opened to be read. */
function ObjectsSummary({ fs, dir, t }: { fs: Filesystem; dir: DirInode; t: T }) {
  const counts = objectCounts(fs, dir)
  const types = Object.entries(counts.byType)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, count]) => t('disk.objectType', { count, type }))
    .join(', ')
  return (
    <>
      {t('disk.objects', { count: counts.total, folders: counts.folders })}
      {types !== '' && `: ${types}`}
    </>
  )
}
