/**
 * The stage's panels, in the order its tabs list them. Apart from focus.ts (which imports the
 * engine), so that a link's `panels=` is read without loading the engine.
 */
export const PANEL_IDS = [
  'disk',
  'hardLinks',
  'deployments',
  'boot',
  'mounts',
  'etcMerge',
  'ignition',
  'terminal',
] as const
export type PanelId = (typeof PANEL_IDS)[number]
