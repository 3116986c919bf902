/**
 * What systemd-tmpfiles creates under /var on an ostree system, so the root symlinks resolve
 * (rpm-ostree's tmpfiles.d for the compat symlinks; reference 1.7 and OSTREE docs/adapting-existing.md).
 */
export const TMPFILES_VAR: [string, number][] = [
  ['home', 0o755],
  ['roothome', 0o700],
  ['opt', 0o755],
  ['srv', 0o755],
  ['mnt', 0o755],
  ['usrlocal', 0o755],
  ['usrlocal/bin', 0o755],
  ['usrlocal/etc', 0o755],
  ['usrlocal/lib', 0o755],
  ['usrlocal/sbin', 0o755],
  ['usrlocal/share', 0o755],
  ['usrlocal/src', 0o755],
]
