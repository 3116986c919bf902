import { useId, useMemo } from 'react'
import type { LoaderState } from '../../engine'
import { useTween } from '../anim/hooks'
import {
  DIR_HEIGHT,
  DIRS_X,
  LOADER_WIDTH,
  LINKS_WIDTH,
  interpolateLoader,
  linkArrow,
  loaderDiagram,
} from '../layout/loaderDiagram'
import { touchedBoot } from '../layout/deploymentsView'
import { useT } from '../useT'

/**
 * `/boot/loader` and `/boot/loader.tmp` as arrows to the folders they name, eased from the step
 * before: at the rename the arrow swings to the other folder, at cleanup the old folder fades. The
 * words beside it say the same, so the picture is hidden from screen readers.
 */
export function LoaderPicture({
  state,
  before,
  touched,
}: {
  state: LoaderState
  before: LoaderState | null
  touched: readonly string[]
}) {
  const t = useT()
  const target = useMemo(
    () => loaderDiagram(state, before ? loaderDiagram(before) : undefined),
    [state, before],
  )
  const picture = useTween(target, 700, interpolateLoader)
  // an id usable inside url(#...): useId's own may hold characters a URL fragment does not
  const head = `loader-arrow-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`
  return (
    <svg
      className="loader-picture"
      width={LOADER_WIDTH}
      height={picture.height}
      viewBox={`0 0 ${LOADER_WIDTH} ${picture.height}`}
      aria-hidden="true"
    >
      {picture.dirs.map((dir) => (
        <g
          key={dir.name}
          className="loader-slot"
          data-dir={dir.name}
          data-present={dir.present > 0.5 ? '' : undefined}
          data-read={state.loader === dir.name ? '' : undefined}
          data-touched={touchedBoot(touched, dir.name) ? '' : undefined}
          transform={`translate(${DIRS_X},${dir.y})`}
          opacity={0.45 + 0.55 * dir.present}
        >
          <rect width={LOADER_WIDTH - DIRS_X - 1} height={DIR_HEIGHT} rx="6" />
          <text className="loader-name" x="8" y="14">
            /boot/{dir.name}
          </text>
          <text className="loader-entries" x="8" y="28">
            {dir.present > 0.5
              ? t('deployments.picture.entries', { count: dir.entries })
              : t('deployments.picture.absent')}
          </text>
        </g>
      ))}
      {picture.links.map((link) => {
        const id = `${head}-${link.name.replace('.', '-')}`
        return (
          <g
            key={link.name}
            className="loader-link"
            data-link={link.name}
            data-to={link.to.toFixed(1)}
            data-touched={touchedBoot(touched, link.name) ? '' : undefined}
            opacity={link.present}
          >
            <text x={LINKS_WIDTH} y={link.y + 4} textAnchor="end">
              /boot/{link.name}
            </text>
            <marker
              id={id}
              viewBox="0 0 8 8"
              refX="7"
              refY="4"
              markerWidth="7"
              markerHeight="7"
              orient="auto"
            >
              <path d="M0,0L8,4L0,8z" className="loader-arrow-head" />
            </marker>
            <path d={linkArrow(link)} markerEnd={`url(#${id})`} />
          </g>
        )
      })}
    </svg>
  )
}
