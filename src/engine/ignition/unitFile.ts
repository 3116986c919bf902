/**
 * The check Ignition runs on unit and drop-in contents: coreos/go-systemd `unit.Deserialize`
 * (called by ignition config/shared/parse/unit.go). Its lexer skips text before the first section,
 * skips comment lines (`#`, `;`), and fails on a `[` with no `]`, on text after `]` on the same
 * line, and on an option line with no `=` (go-systemd unit/deserialize.go).
 */

export type UnitFileError = 'unitSectionUnterminated' | 'unitGarbageAfterSection' | 'unitNoEquals'

export function parseUnitFile(
  text: string,
): { sections: string[] } | { error: UnitFileError; line: number } {
  const sections: string[] = []
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''))
  let inSection = false
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] ?? ''
    const trimmed = line.trimStart()
    if (trimmed === '') continue
    const first = trimmed[0]
    if (first === '#' || first === ';') {
      // a comment swallows its continuation lines
      while (/\\ *$/.test(lines[n] ?? '') && n + 1 < lines.length) n++
      continue
    }
    if (first === '[') {
      // the section name runs to the next ']', across lines if need be
      const rest = [trimmed.slice(1), ...lines.slice(n + 1)].join('\n')
      const close = rest.indexOf(']')
      if (close === -1) return { error: 'unitSectionUnterminated', line: n + 1 }
      const name = rest.slice(0, close)
      n += name.split('\n').length - 1
      const after = rest.slice(close + 1).split('\n')[0] ?? ''
      if (after.trim() !== '') return { error: 'unitGarbageAfterSection', line: n + 1 }
      sections.push(name)
      inSection = true
      continue
    }
    // before the first section, go-systemd skips anything
    if (!inSection) continue
    if (!line.includes('=')) return { error: 'unitNoEquals', line: n + 1 }
    while (/\\ *$/.test(lines[n] ?? '') && n + 1 < lines.length) n++
  }
  return { sections }
}
