import { DEFAULT_LOCALE, loadLocale, type Locale } from '../../i18n'
import type { PlayerStore } from './playerStore'

/** Switches language once its texts have loaded, so no frame shows a half-translated page. */
export async function changeLocale(store: PlayerStore, locale: Locale): Promise<void> {
  try {
    await loadLocale(locale)
    store.getState().actions.setLocale(locale)
  } catch (_error) {
    store.getState().actions.setLocale(DEFAULT_LOCALE)
    store.getState().actions.notify({ key: 'notice.localeFailed', params: { value: locale } })
  }
}
