import { memo, useId, useMemo, useRef } from 'react'
import type { Machine, MachineEvent, Mount } from '../../engine/types'
import { useTween } from '../anim/hooks'
import {
  BOX,
  diagramLinks,
  fitText,
  interpolateDiagram,
  mountDiagram,
  type DiagramNode,
} from '../layout/mountDiagram'
import { useT, type T } from '../useT'
import { useDiagramBox, type DiagramBox } from './useDiagramBox'

/** Characters of the diagram's second line (11px monospace) that fit in `width` pixels. */
const charsIn = (width: number) => Math.max(4, Math.floor(width / (11 * 0.62)))

/**
 * The mount namespace as a tree of boxes, built at each step: d3 lays it out (layout/mountDiagram),
 * React draws it. Boxes are keyed by mount id, so a moved mount slides to its new place.
 */
export function MountDiagramView(props: {
  machine: Machine
  mounts: readonly Mount[]
  event: MachineEvent | undefined
}) {
  const ref = useRef<HTMLDivElement>(null)
  const box = useDiagramBox(ref, 640)
  return (
    <div ref={ref} className="mount-diagram">
      {box !== null && <Diagram {...props} box={box} />}
    </div>
  )
}

function Diagram({
  machine,
  mounts,
  event,
  box: { width, zoom },
}: {
  machine: Machine
  mounts: readonly Mount[]
  event: MachineEvent | undefined
  box: DiagramBox
}) {
  const t = useT()
  const target = useMemo(
    () => mountDiagram(machine, mounts, width, event),
    [machine, mounts, width, event],
  )
  const diagram = useTween(target, 450, interpolateDiagram)
  const links = diagramLinks(diagram.nodes)
  // an id usable inside url(#...): useId's own may hold characters a URL fragment does not
  const hatch = `hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`
  return (
    <svg
      width={width * zoom}
      height={(diagram.height + 2) * zoom}
      viewBox={`-1 -1 ${width} ${diagram.height + 2}`}
      role="img"
      aria-label={t('mounts.diagramLabel', { count: mounts.length })}
    >
      <defs>
        <pattern
          id={hatch}
          width="7"
          height="7"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <line x1="0" y1="0" x2="0" y2="7" className="hatch-line" />
        </pattern>
      </defs>
      <g className="mount-links">
        {links.map((link) => (
          <path key={link.key} d={link.path} />
        ))}
      </g>
      {diagram.nodes.map((node) => (
        <MountBox key={node.key} node={node} hatch={hatch} t={t} />
      ))}
    </svg>
  )
}

function whatText(t: T, node: DiagramNode): string {
  if (!node.mount || !node.what) return t('mounts.initramfsRoot')
  const what = t(node.what.key, node.what.params)
  // a filesystem in memory is already named by its type
  return node.what.key === 'mounts.what.memory' ? what : `${what} · ${node.mount.fstype}`
}

const MountBox = memo(function MountBox({
  node,
  hatch,
  t,
}: {
  node: DiagramNode
  hatch: string
  t: T
}) {
  const { mount, width, change } = node
  const ro = mount?.readOnly ?? false
  const mode = mount ? (ro ? 'ro' : 'rw') : null
  const tag = change ? t(`mounts.change.${change}`) : null
  // room on the right of the second line for the change tag
  const what = fitText(whatText(t, node), charsIn(width - 20 - (tag ? tag.length * 7 + 12 : 0)))
  const title = mount
    ? `${mount.target} ← ${node.source} (${mount.fstype}, ${t(ro ? 'mounts.readOnly' : 'mounts.readWrite')})`
    : t('mounts.initramfsRoot')
  return (
    <g
      className="mount"
      data-focus={mount ? `mount:${mount.target}` : undefined}
      data-mode={mode ?? 'none'}
      data-change={change ?? undefined}
      transform={`translate(${node.x},${node.y})`}
    >
      <title>{title}</title>
      <rect className="mount-box" width={width} height={BOX} rx="6" />
      {node.ro > 0 && (
        <rect
          className="mount-hatch"
          width={width}
          height={BOX}
          rx="6"
          fill={`url(#${hatch})`}
          opacity={node.ro}
        />
      )}
      {node.ro > 0 && <LockIcon closed={node.ro} />}
      <text className="mount-target" x={10 + 14 * node.ro} y="16">
        {node.label}
      </text>
      <text className="mount-what" x="10" y="32">
        {what}
      </text>
      {mode && (
        <text className="mount-mode" x={width - 10} y="16" textAnchor="end">
          {mode}
        </text>
      )}
      {tag && (
        <text className="mount-change" x={width - 10} y="32" textAnchor="end">
          {tag}
        </text>
      )}
    </g>
  )
})

/**
 * A padlock: drawn with the word "ro" and the hatching, so read-only never rests on colour.
 * `closed` (0 to 1) lowers its shackle, as a remount turns the mount read-only.
 */
function LockIcon({ closed }: { closed: number }) {
  return (
    <g className="mount-lock" transform="translate(8,5)" opacity={closed} aria-hidden="true">
      <path
        d="M2.5 6V4a3.5 3.5 0 0 1 7 0v2"
        fill="none"
        strokeWidth="1.6"
        transform={`translate(0,${-4 * (1 - closed)})`}
      />
      <rect x="1" y="6" width="10" height="7.5" rx="1.5" />
    </g>
  )
}
