import { describe, expect, it } from 'vitest'
import { exportFileName } from './fileName'

describe('exportFileName', () => {
  it('[export] names the tour and the step, and the format', () => {
    expect(exportFileName('atomic-upgrade', 5, 'png')).toBe(
      'coreos-explorer-atomic-upgrade-step-5.png',
    )
    expect(exportFileName('sandbox', 52, 'svg')).toBe('coreos-explorer-sandbox-step-52.svg')
  })

  it('[export] makes a name any file system takes, whatever the id and the number', () => {
    expect(exportFileName('Etc Merge/../x', 0, 'png')).toBe(
      'coreos-explorer-etc-merge-x-step-1.png',
    )
    expect(exportFileName('', 3.7, 'svg')).toBe('coreos-explorer-tour-step-3.svg')
  })
})
