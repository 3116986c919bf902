import { useEffect } from 'react'
import { usePlayer } from '../store/usePlayer'
import { useT } from '../useT'

/** The document follows the player: `<html lang>`, the theme, the size of the type, and the title. */
export function useDocumentSettings(): void {
  const t = useT()
  const locale = usePlayer((s) => s.locale)
  const theme = usePlayer((s) => s.theme)
  const scale = usePlayer((s) => s.scale)
  useEffect(() => {
    document.documentElement.lang = locale
    document.title = t('app.title')
  }, [locale, t])
  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])
  useEffect(() => {
    // every size is in rem: the root's size, the theme's times this (app.css), scales the page
    const root = document.documentElement.style
    if (scale === 1) root.removeProperty('--scale')
    else root.setProperty('--scale', String(scale))
  }, [scale])
}
