/**
 * The site's mark, inline so that the single-file build needs nothing beside it. The same drawing
 * is public/favicon.svg.
 */
export function Logo() {
  return (
    <svg
      className="brand-logo"
      viewBox="0 0 64 64"
      width="32"
      height="32"
      aria-hidden="true"
      focusable="false"
    >
      <rect x="4" y="10" width="56" height="44" rx="6" fill="#1f4e79" />
      <rect x="10" y="18" width="10" height="28" rx="2" fill="#9cc3e6" />
      <rect x="23" y="18" width="10" height="28" rx="2" fill="#9cc3e6" opacity="0.7" />
      <rect x="36" y="18" width="18" height="28" rx="2" fill="#f4b942" />
      <path
        d="M45 24v10m0 0l-4-4m4 4l4-4"
        stroke="#1f4e79"
        strokeWidth="3"
        fill="none"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  )
}
