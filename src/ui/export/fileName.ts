/** The formats the view exports to: a picture for slides, and a drawing that scales. */
export type ExportFormat = 'png' | 'svg'

/**
 * The name of an exported picture: the tour and the step as the player's counter numbers it, so
 * pictures of one tour sort in the order of its steps.
 * @example exportFileName('atomic-upgrade', 5, 'png') // 'coreos-explorer-atomic-upgrade-step-5.png'
 */
export function exportFileName(tourId: string, step: number, format: ExportFormat): string {
  // a name any file system takes, whatever a tour's id holds
  const tour =
    tourId
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'tour'
  return `coreos-explorer-${tour}-step-${Math.max(1, Math.trunc(step))}.${format}`
}
