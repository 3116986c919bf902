/**
 * The engine on the page's own thread, for a page that cannot start a worker (and for tests): a
 * chunk of its own, loaded only then, so the page never downloads the engine twice.
 */
import { runCommand } from '../../engine/shell/run'
import { findTour } from '../../scenarios/registry'
import { performAction, tourSteps } from '../../scenarios/run'
import { hardLinksModel } from '../layout/hardLinks'

export const localEngine = { findTour, hardLinksModel, performAction, runCommand, tourSteps }
export type LocalEngine = typeof localEngine
