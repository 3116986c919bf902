import { useEffect } from 'react'
import { usePlayer } from '../store/usePlayer'
import { useT } from '../useT'

/** The document follows the player: `<html lang>`, the theme, and the title. */
export function useDocumentSettings(): void {
  const t = useT()
  const locale = usePlayer((s) => s.locale)
  const theme = usePlayer((s) => s.theme)
  useEffect(() => {
    document.documentElement.lang = locale
    document.title = t('app.title')
  }, [locale, t])
  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])
}
