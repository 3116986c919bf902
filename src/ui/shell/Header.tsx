import { useId, type ChangeEvent } from 'react'
import { LOCALES, isLocale } from '../../i18n'
import type { ProfileId } from '../../engine/types'
import { findTour, registry } from '../../scenarios/registry'
import { THEMES, type Theme } from '../store/playerStore'
import { changeLocale } from '../store/locale'
import { openTour } from '../store/tours'
import { usePlayer, usePlayerStore } from '../store/usePlayer'
import { useMessageText, useT } from '../useT'
import { Logo } from './Logo'
import { ShareMenu } from './ShareMenu'

/** The page's chrome: title, tour picker, language and theme, and Share. Hidden when embedded. */
export function Header() {
  const t = useT()
  const text = useMessageText()
  const store = usePlayerStore()
  const tourId = usePlayer((s) => s.tourId)
  const locale = usePlayer((s) => s.locale)
  const theme = usePlayer((s) => s.theme)
  const os = usePlayer((s) => s.os)
  const { setTheme, setOs, setIntro } = usePlayer((s) => s.actions)
  const ids = { tour: useId(), lang: useId(), theme: useId(), os: useId() }
  // the sandbox runs either system
  const systems = findTour(tourId)?.profiles ?? []

  const onTour = (event: ChangeEvent<HTMLSelectElement>) => void openTour(store, event.target.value)
  const onLocale = (event: ChangeEvent<HTMLSelectElement>) => {
    if (isLocale(event.target.value)) void changeLocale(store, event.target.value)
  }
  const onTheme = (event: ChangeEvent<HTMLSelectElement>) => setTheme(event.target.value as Theme)
  const onOs = (event: ChangeEvent<HTMLSelectElement>) => {
    const chosen = systems.find((id) => id === event.target.value)
    if (chosen === undefined) return
    setOs(chosen)
    void openTour(store, tourId)
  }

  return (
    <header className="header">
      <div className="brand">
        <Logo />
        <div>
          <h1>{t('app.title')}</h1>
          <p className="tagline">{t('app.tagline')}</p>
        </div>
        <button type="button" className="intro-open" onClick={() => setIntro(true)}>
          {t('header.about')}
        </button>
        <ShareMenu />
      </div>
      <form
        className="settings"
        aria-label={t('header.settings')}
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="field">
          <label htmlFor={ids.tour}>{t('header.tour')}</label>
          <select id={ids.tour} value={tourId} onChange={onTour}>
            {registry.map((tour) => (
              <option key={tour.id} value={tour.id}>
                {text({ key: tour.titleKey })}
              </option>
            ))}
          </select>
        </div>
        {systems.length > 1 && (
          <div className="field field-wide">
            <label htmlFor={ids.os}>{t('header.os')}</label>
            <select id={ids.os} value={os} onChange={onOs}>
              {systems.map((id: ProfileId) => (
                <option key={id} value={id}>
                  {t(`os.${id}`)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={ids.lang}>{t('header.language')}</label>
          <select id={ids.lang} value={locale} onChange={onLocale}>
            {LOCALES.map((code) => (
              <option key={code} value={code} lang={code}>
                {t(`lang.${code}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.theme}>{t('header.theme')}</label>
          <select id={ids.theme} value={theme} onChange={onTheme}>
            {THEMES.map((name) => (
              <option key={name} value={name}>
                {t(`theme.${name}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
    </header>
  )
}
