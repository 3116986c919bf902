import type { MessageKey } from '../i18n'

/** A byte count in binary units, as a message: `{ key: 'common.mib', value: 1.5 }`. */
export function bytesMessage(bytes: number): { key: MessageKey; value: number } {
  const units: [MessageKey, number][] = [
    ['common.gib', 2 ** 30],
    ['common.mib', 2 ** 20],
    ['common.kib', 2 ** 10],
  ]
  for (const [key, size] of units) {
    if (bytes >= size) return { key, value: Math.round((bytes / size) * 10) / 10 }
  }
  return { key: 'common.bytes', value: Math.round(bytes) }
}
