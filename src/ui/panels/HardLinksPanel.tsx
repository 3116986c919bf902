import { memo, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import type { Ino } from '../../engine/types'
import { useTween } from '../anim/hooks'
import { type Column, type HardLinksModel, type InodeNode } from '../layout/hardLinks'
import {
  HEADER_LINE,
  interpolateHardLinks,
  linkPath,
  NODE,
  pathLabel,
  placeHardLinks,
  spaceScale,
  TITLE,
  type PlacedInode,
  type PlacedPath,
  type PlacedTitle,
} from '../layout/hardLinksDiagram'
import { fitText } from '../layout/mountDiagram'
import { selectMachine, selectPrevious } from '../store/selectors'
import { useShown, type Shown } from '../store/useShown'
import { useT, type T } from '../useT'
import { Panel } from './Panel'
import { useDiagramBox, type DiagramBox } from './useDiagramBox'
import { useHardLinksModel } from './useHardLinksModel'
import './hardLinks.css'

const selectTimeline = (s: Shown) => s.timeline

/** Padding inside a node, and the font sizes of its two lines (smaller when compact: a phone). */
const PAD = 7
const FONT = { wide: [12, 11], compact: [11, 10] } as const
/** Characters of monospace text `size` pixels high that fit in `width` pixels. */
const charsIn = (width: number, size: number) => Math.max(3, Math.floor(width / (size * 0.6)))

const FLAGS = ['booted', 'staged', 'pending', 'rollback', 'pinned'] as const

/** A folder's name as `ostree admin status` users read it: `6c1f8a2b….0`. */
const shortName = (column: Column) => `${column.id.checksum.slice(0, 8)}….${column.id.serial}`

/** `Deployment 0`, or a folder no list names, by its short name. */
function columnName(t: T, column: Column): string {
  return column.listed
    ? t('hardLinks.deployment', { index: column.listed.index })
    : t('hardLinks.folder', { name: shortName(column) })
}

/** `dep. 0`, `folder`: a short mark of the column, for a node on a side with several. */
function columnMark(t: T, column: Column): string {
  return column.listed
    ? t('hardLinks.mark', { index: column.listed.index })
    : t('hardLinks.markFolder')
}

/** `in deployment 0`, `in folder 6c1f8a2b….0`. */
function whereIn(t: T, column: Column | undefined): string {
  if (!column) return ''
  return column.listed
    ? t('hardLinks.inDeployment', { index: column.listed.index })
    : t('hardLinks.inFolder', { name: shortName(column) })
}

/** `objects/12/56858b30….file`: where the repo keeps the inode (reference 1.3). */
function objectName(checksum: string, chars: number): string {
  return fitText(`objects/${checksum.slice(0, 2)}/${checksum.slice(2)}.file`, chars)
}

function changeText(t: T, change: InodeNode['change']): string | null {
  if (!change) return null
  if (change.kind === 'new') return t('hardLinks.change.new')
  return t(change.delta > 0 ? 'hardLinks.change.linked' : 'hardLinks.change.unlinked', {
    count: Math.abs(change.delta),
  })
}

/**
 * The deployments' files and the repo objects they are: the files that tell the story drawn as
 * paths linked to inodes, the bytes each deployment shares or holds alone, and the rest of /usr
 * summed by directory. Every figure is computed from the whole tree (layout/hardLinks).
 */
export function HardLinksPanel() {
  const t = useT()
  const machine = useShown(selectMachine)
  const previous = useShown(selectPrevious)
  const model = useHardLinksModel(machine, previous, useShown(selectTimeline))
  const [selected, setSelected] = useState<Ino | null>(null)
  if (model === null && machine?.filesystems.root) {
    // the engine worker is still walking the deployments' files for this step
    return (
      <Panel title={t('panel.hardLinks')} className="hardlinks-panel">
        <p className="hint" role="status">
          {t('hardLinks.computing')}
        </p>
      </Panel>
    )
  }
  if (!model || model.columns.length === 0) return null
  return (
    <Panel title={t('panel.hardLinks')} className="hardlinks-panel">
      <p className="hint">{t('hardLinks.intro')}</p>
      <DiagramView model={model} selected={selected} onSelect={setSelected} />
      <Selection model={model} selected={selected} />
      <SpaceBars model={model} />
      <RepoLine model={model} />
      <DirTable model={model} />
    </Panel>
  )
}

function DiagramView(props: {
  model: HardLinksModel
  selected: Ino | null
  onSelect: (ino: Ino | null) => void
}) {
  const ref = useRef<HTMLDivElement>(null)
  const box = useDiagramBox(ref, 640)
  return (
    <div ref={ref} className="hl-diagram">
      {box !== null && <Diagram {...props} box={box} />}
    </div>
  )
}

function Diagram({
  model,
  box: { width, zoom },
  selected,
  onSelect,
}: {
  model: HardLinksModel
  box: DiagramBox
  selected: Ino | null
  onSelect: (ino: Ino | null) => void
}) {
  const t = useT()
  const target = useMemo(() => placeHardLinks(model, width), [model, width])
  const diagram = useTween(target, 700, interpolateHardLinks)
  const inodeAt = new Map(diagram.inodes.map((n) => [n.key, n]))
  return (
    <svg
      width={width * zoom}
      height={diagram.height * zoom}
      viewBox={`0 0 ${width} ${diagram.height}`}
      role="group"
      aria-label={t('hardLinks.diagram')}
      data-compact={diagram.compact ? '' : undefined}
    >
      {diagram.headers.map((header) =>
        header.columns.map((index, i) => {
          const column = model.columns[index]
          return column ? (
            <ColumnHeader
              key={column.key}
              column={column}
              x={header.side === 'left' ? header.x : header.x + header.width}
              y={i * diagram.headerLines * HEADER_LINE + 12}
              width={header.width}
              lines={diagram.headerLines}
              anchor={header.side === 'left' ? 'start' : 'end'}
              t={t}
            />
          ) : null
        }),
      )}
      {[t('hardLinks.inodes'), t('hardLinks.objects')].map((text, i) => (
        <text
          key={i}
          className="hl-head"
          x={diagram.middle.x + diagram.middle.width / 2}
          y={i * HEADER_LINE + 12}
          textAnchor="middle"
        >
          {fitText(text, charsIn(diagram.middle.width, 11))}
        </text>
      ))}
      <g className="hl-links">
        {diagram.paths.map((path) => {
          const inode = inodeAt.get(path.target)
          return inode ? (
            <path
              key={path.key}
              d={linkPath(path, inode)}
              data-selected={path.node.ino === selected ? '' : undefined}
            />
          ) : null
        })}
      </g>
      {diagram.titles.map((title) => (
        <BandTitle key={title.key} placed={title} compact={diagram.compact} t={t} />
      ))}
      {diagram.inodes.map((inode) => (
        <InodeBox
          key={inode.key}
          placed={inode}
          compact={diagram.compact}
          selected={inode.node.ino === selected}
          t={t}
        />
      ))}
      {diagram.paths.map((path) => (
        <PathBox
          key={path.key}
          placed={path}
          compact={diagram.compact}
          column={model.columns[path.node.column]}
          selected={path.node.ino === selected}
          onSelect={onSelect}
          t={t}
        />
      ))}
    </svg>
  )
}

function ColumnHeader({
  column,
  x,
  y,
  width,
  lines,
  anchor,
  t,
}: {
  column: Column
  x: number
  y: number
  width: number
  lines: number
  anchor: 'start' | 'end'
  t: T
}) {
  const flags = (
    column.listed
      ? FLAGS.filter((flag) => column.listed?.[flag]).map((flag) => t(`deployments.flag.${flag}`))
      : [t('hardLinks.unlisted')]
  ).join(' · ')
  const tag = column.change ? t(`hardLinks.change.${column.change}`) : null
  const chars = charsIn(width, 11)
  const version = column.version ?? ''
  // narrow: one fact a line, the tag last; wide: name and tag, then version and flags
  const more = lines > 2 ? [version, flags] : [[version, flags].filter(Boolean).join(' · ')]
  const inline = lines <= 3 && tag !== null
  return (
    <text className="hl-head" x={x} y={y} textAnchor={anchor}>
      <tspan>{fitText(columnName(t, column), chars - (inline ? tag.length + 1 : 0))}</tspan>
      {inline && <tspan className="hl-tag"> {tag}</tspan>}
      {more.map((line, i) => (
        <tspan key={i} className="hl-head-more" x={x} dy={HEADER_LINE}>
          {fitText(line, chars)}
        </tspan>
      ))}
      {!inline && tag && (
        <tspan className="hl-tag" x={x} dy={HEADER_LINE}>
          {tag}
        </tspan>
      )}
    </text>
  )
}

/** A band's path and why it is drawn: on one line, or on two when narrow. */
function BandTitle({ placed, compact, t }: { placed: PlacedTitle; compact: boolean; t: T }) {
  const chars = charsIn(placed.width, 12)
  const reason = t(`hardLinks.reason.${placed.band.reason}`)
  const path = fitText(placed.band.key, chars)
  return (
    <text className="hl-title" x={placed.x} y={placed.y + TITLE - 6}>
      {compact ? (
        <>
          <tspan>{path}</tspan>
          <tspan className="hl-reason" x={placed.x} dy={TITLE}>
            {fitText(reason, chars)}
          </tspan>
        </>
      ) : (
        <>
          {fitText(placed.band.key, chars - reason.length - 3)}
          <tspan className="hl-reason"> · {reason}</tspan>
        </>
      )}
    </text>
  )
}

/** A node's box and its two lines, the first with the change tag at its right end. */
function BoxText({
  width,
  compact,
  first,
  tag,
  second,
}: {
  width: number
  compact: boolean
  first: string
  tag: string | null
  second: string
}) {
  const [size1, size2] = FONT[compact ? 'compact' : 'wide']
  return (
    <>
      <rect className="hl-box" width={width} height={NODE} rx="6" />
      <text className="hl-line1" x={PAD} y="15">
        {fitText(first, charsIn(width - 2 * PAD, size1) - (tag ? tag.length + 1 : 0))}
      </text>
      {tag && (
        <text className="hl-tag" x={width - PAD} y="15" textAnchor="end">
          {tag}
        </text>
      )}
      <text className="hl-line2" x={PAD} y="30">
        {fitText(second, charsIn(width - 2 * PAD, size2))}
      </text>
    </>
  )
}

const InodeBox = memo(function InodeBox({
  placed,
  compact,
  selected,
  t,
}: {
  placed: PlacedInode
  compact: boolean
  selected: boolean
  t: T
}) {
  const { node, width } = placed
  const tag = changeText(t, node.change)
  const chars = charsIn(width - 2 * PAD, FONT[compact ? 'compact' : 'wide'][1])
  const links = t('hardLinks.links', { count: placed.links })
  const named = t('hardLinks.inodeLinks', { ino: String(node.ino), count: placed.links })
  // too narrow for the count beside the change's tag: the number alone (its paths count links)
  const room =
    charsIn(width - 2 * PAD, FONT[compact ? 'compact' : 'wide'][0]) - (tag ? tag.length + 1 : 0)
  const first =
    compact || named.length > room ? t('hardLinks.inode', { ino: String(node.ino) }) : named
  const second = compact
    ? links
    : node.object
      ? objectName(node.object, chars)
      : t('hardLinks.copy')
  return (
    <g
      className="hl-inode"
      transform={`translate(${placed.x},${placed.y})`}
      data-selected={selected ? '' : undefined}
      data-change={tag ? '' : undefined}
    >
      <title>
        {t('hardLinks.inodeTitle', {
          ino: String(node.ino),
          count: node.links,
          size: node.size,
          object: node.object ? objectName(node.object, 80) : t('hardLinks.copy'),
        })}
      </title>
      <BoxText width={width} compact={compact} first={first} tag={tag} second={second} />
    </g>
  )
})

const PathBox = memo(function PathBox({
  placed,
  compact,
  column,
  selected,
  onSelect,
  t,
}: {
  placed: PlacedPath
  compact: boolean
  column: Column | undefined
  selected: boolean
  onSelect: (ino: Ino | null) => void
  t: T
}) {
  const { node, width } = placed
  const tag = node.added ? t('hardLinks.change.new') : null
  const label = t('hardLinks.pathLabel', {
    path: node.path,
    where: whereIn(t, column),
    ino: String(node.ino),
    count: node.links,
  })
  const inode = compact
    ? t('hardLinks.inode', { ino: String(node.ino) })
    : t('hardLinks.inodeLinks', { ino: String(node.ino), count: node.links })
  // two columns on one side: which one this path is in (narrow: only that; its inode says the rest)
  const mark = placed.marked && column ? columnMark(t, column) : null
  const second = mark === null ? inode : compact ? mark : `${mark} · ${inode}`
  const toggle = () => onSelect(selected ? null : node.ino)
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && event.key !== ' ') return
    // the player's Space (play) and Enter stay off while a path has focus
    event.preventDefault()
    toggle()
  }
  return (
    <g
      className="hl-path"
      role="button"
      tabIndex={0}
      aria-label={label}
      aria-pressed={selected}
      transform={`translate(${placed.x},${placed.y})`}
      data-selected={selected ? '' : undefined}
      data-added={node.added ? '' : undefined}
      onClick={toggle}
      onKeyDown={onKeyDown}
    >
      <BoxText
        width={width}
        compact={compact}
        first={pathLabel(placed.band, node.path, compact)}
        tag={tag}
        second={second}
      />
    </g>
  )
})

/** Every name of the selected inode, in words: the repo's object and each path. */
function Selection({ model, selected }: { model: HardLinksModel; selected: Ino | null }) {
  const t = useT()
  const inode =
    selected === null
      ? undefined
      : model.bands.flatMap((band) => band.inodes).find((node) => node.ino === selected)
  return (
    <div className="hl-selection" aria-live="polite">
      {inode ? (
        <>
          <p>
            {t('hardLinks.selected', {
              ino: String(inode.ino),
              count: inode.links,
              size: inode.size,
            })}
          </p>
          <ul>
            {inode.object && (
              <li>
                <span className="mono">{objectName(inode.object, 200)}</span>{' '}
                {t('hardLinks.inRepo')}
              </li>
            )}
            {inode.names.map(({ column, path }) => (
              <li key={`${column}:${path}`}>
                <span className="mono">{path}</span> {whereIn(t, model.columns[column])}
              </li>
            ))}
          </ul>
          {/* the sum holds for a checkout's hard links; an empty file's copy has its own note */}
          {inode.object && inode.links === inode.names.length + 1 && (
            <p className="hint">
              {t('hardLinks.linkSum', { links: inode.links, count: inode.names.length })}
            </p>
          )}
          {!inode.object && <p className="hint">{t('hardLinks.copyNote')}</p>}
        </>
      ) : (
        <p className="hint">{t('hardLinks.selectHint')}</p>
      )}
    </div>
  )
}

/** Bytes of /usr per column: shared with another column, and only in this one. */
function SpaceBars({ model }: { model: HardLinksModel }) {
  const t = useT()
  const id = useId()
  const scale = spaceScale(model)
  const sum = model.columns.reduce((n, c) => n + c.bytes, 0)
  // one deployment shares with none: its bar is its size, with no split to tell
  const alone = model.columns.length === 1
  return (
    <div className="hl-space">
      <h3 id={id}>{t('hardLinks.spaceTitle')}</h3>
      <ul className="hl-bars" aria-labelledby={id}>
        {model.columns.map((column) => (
          <SpaceBar key={column.key} column={column} alone={alone} scale={scale} t={t} />
        ))}
      </ul>
      {!alone && (
        <>
          <p className="hl-legend">
            <span className="hl-swatch shared" aria-hidden="true" /> {t('hardLinks.legendShared')}{' '}
            <span className="hl-swatch unique" aria-hidden="true" /> {t('hardLinks.legendUnique')}
          </p>
          <p className="hint">
            {t('hardLinks.union', { bytes: model.union.bytes, inodes: model.union.inodes, sum })}
          </p>
        </>
      )}
    </div>
  )
}

function SpaceBar({
  column,
  alone,
  scale,
  t,
}: {
  column: Column
  alone: boolean
  scale: (bytes: number) => number
  t: T
}) {
  const shared = useTween(scale(column.sharedBytes))
  const unique = useTween(scale(column.uniqueBytes))
  const name = columnName(t, column)
  const text = t(alone ? 'hardLinks.barAlone' : 'hardLinks.barText', {
    bytes: column.bytes,
    files: column.files,
    shared: column.sharedBytes,
    unique: column.uniqueBytes,
  })
  return (
    <li data-change={column.change ? '' : undefined}>
      <span className="hl-bar-name">
        {name}
        {column.version && <span className="meta"> · {column.version}</span>}
      </span>
      <span className="hl-bar" role="img" aria-label={`${name}: ${text}`}>
        <span className="hl-fill shared" style={{ width: `${shared}%` }} />
        <span
          className={alone ? 'hl-fill shared' : 'hl-fill unique'}
          style={{ width: `${unique}%` }}
        />
      </span>
      <span className="hl-bar-text">{text}</span>
    </li>
  )
}

function RepoLine({ model }: { model: HardLinksModel }) {
  const t = useT()
  const { repo } = model
  return (
    <p className="hl-repo" data-change={repo.delta !== 0 ? '' : undefined}>
      {t('hardLinks.repo', { objects: repo.objects, bytes: repo.bytes })}{' '}
      {t('hardLinks.unnamed', { count: repo.unnamed, bytes: repo.unnamedBytes })}
      {repo.delta !== 0 && (
        <span className="badge touched">
          {t(repo.delta > 0 ? 'hardLinks.repoAdded' : 'hardLinks.repoRemoved', {
            count: Math.abs(repo.delta),
          })}
        </span>
      )}
    </p>
  )
}

/** The files not drawn, summed by top directory of /usr, for each column. */
function DirTable({ model }: { model: HardLinksModel }) {
  const t = useT()
  const id = useId()
  // a focusable region: on a phone, with three deployments, the table scrolls sideways
  return (
    <div className="hl-dirs" tabIndex={0} role="region" aria-labelledby={id}>
      <table>
        <caption id={id}>{t('hardLinks.dirsTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('hardLinks.dir')}</th>
            {model.columns.map((column) => (
              <th key={column.key} scope="col">
                {columnName(t, column)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.dirs.map((dir) => (
            <tr key={dir.dir}>
              <th scope="row" className="mono">
                {dir.dir === '/usr' ? t('hardLinks.dirUsr') : dir.dir}
              </th>
              {dir.columns.map((cell, i) => (
                <td key={model.columns[i]?.key ?? i}>
                  {t('hardLinks.dirCell', { files: cell.files, bytes: cell.bytes })}
                  {cell.uniqueBytes > 0 && model.columns.length > 1 && (
                    <span className="meta">
                      {' '}
                      · {t('hardLinks.dirUnique', { bytes: cell.uniqueBytes })}
                    </span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
