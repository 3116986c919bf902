import type { ProfileId } from '../engine/types'

/** One thing that happens to the machine in a tour; `runTour` maps each to an engine operation. */
export type TourAction =
  | { type: 'install' }
  | { type: 'boot'; entry?: number }
  /** The update server publishes the catalogue's next release. */
  | { type: 'publish' }
  | { type: 'upgrade' }
  | { type: 'reboot' }
  | { type: 'rollback' }

/** A guided tour: data only. Its steps are computed by `runTour` on first use. */
export interface Tour {
  id: string
  /** A key of src/i18n/en.json. */
  titleKey: string
  profile: ProfileId
  actions: readonly TourAction[]
}
