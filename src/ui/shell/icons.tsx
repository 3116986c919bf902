/** Media-control icons, drawn as SVG so they look the same whatever fonts the system has. */
const common = {
  width: 16,
  height: 16,
  viewBox: '0 0 16 16',
  fill: 'currentColor',
  'aria-hidden': true,
  focusable: false,
} as const

export function PreviousIcon() {
  return (
    <svg {...common}>
      <rect x="2" y="2.5" width="2" height="11" rx="0.5" />
      <path d="M14 2.8v10.4a.5.5 0 0 1-.77.42L5.5 8.42a.5.5 0 0 1 0-.84l7.73-5.2a.5.5 0 0 1 .77.42z" />
    </svg>
  )
}

export function NextIcon() {
  return (
    <svg {...common}>
      <rect x="12" y="2.5" width="2" height="11" rx="0.5" />
      <path d="M2 2.8v10.4a.5.5 0 0 0 .77.42l7.73-5.2a.5.5 0 0 0 0-.84L2.77 2.38A.5.5 0 0 0 2 2.8z" />
    </svg>
  )
}

export function PlayIcon() {
  return (
    <svg {...common}>
      <path d="M4 2.6v10.8a.6.6 0 0 0 .9.5l8.6-5.4a.6.6 0 0 0 0-1L4.9 2.1a.6.6 0 0 0-.9.5z" />
    </svg>
  )
}

export function PauseIcon() {
  return (
    <svg {...common}>
      <rect x="3" y="2.5" width="3.5" height="11" rx="0.75" />
      <rect x="9.5" y="2.5" width="3.5" height="11" rx="0.75" />
    </svg>
  )
}
