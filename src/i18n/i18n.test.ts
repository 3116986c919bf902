import { describe, expect, it } from 'vitest'
import { SHELL_CAPTIONS, SHELL_NOTICES } from '../engine'
import en from './en.json'
import fr from './fr.json'
import { loadLocale, translate } from './index'

const catalogs: Record<string, Record<string, string>> = { en, fr }

/** `{name}` and `{name, plural, ...}` parameters a text uses. */
function paramsOf(text: string): string[] {
  return [...text.matchAll(/\{\s*(\w+)\s*(?:,|\})/g)].map((m) => m[1] as string).sort()
}

describe('catalogues', () => {
  for (const [name, catalog] of Object.entries(catalogs)) {
    const other = name === 'en' ? fr : en
    it(`[i18n] every key of ${name}.json is in the other language`, () => {
      const missing = Object.keys(catalog).filter((key) => !Object.hasOwn(other, key))
      expect(missing).toEqual([])
    })
    it(`[i18n] ${name}.json has no empty text`, () => {
      expect(Object.entries(catalog).filter(([, text]) => text.trim() === '')).toEqual([])
    })
  }

  it('[i18n] a text takes the same parameters in both languages', () => {
    const differ = Object.keys(en).filter(
      (key) =>
        JSON.stringify(paramsOf(en[key as keyof typeof en])) !==
        JSON.stringify(paramsOf((fr as Record<string, string>)[key] ?? '')),
    )
    expect(differ).toEqual([])
  })

  it('[i18n] every caption and notice of the shell has its text, with the parameters it is given', () => {
    for (const [key, params] of Object.entries({ ...SHELL_CAPTIONS, ...SHELL_NOTICES })) {
      for (const catalog of [en, fr] as Record<string, string>[]) {
        expect(catalog[key], key).toBeDefined()
        expect([...new Set(paramsOf(catalog[key] ?? ''))], key).toEqual([...params].sort())
      }
    }
  })

  it('[i18n] the panels keep their names in both languages', () => {
    for (const key of [
      'disk',
      'boot',
      'mounts',
      'deployments',
      'hardLinks',
      'etcMerge',
      'terminal',
      'ignition',
    ]) {
      expect(Object.hasOwn(en, `panel.${key}`)).toBe(true)
      expect(Object.hasOwn(fr, `panel.${key}`)).toBe(true)
    }
  })
})

describe('translate', () => {
  it('fills parameters and formats numbers for the locale', async () => {
    await loadLocale('fr')
    expect(translate('en', 'player.position', { current: 3, total: 1200 })).toBe('Step 3 of 1,200')
    expect(translate('fr', 'player.position', { current: 3, total: 1200 })).toBe(
      'Étape 3 sur 1\u202f200',
    )
  })

  it('chooses plural forms by the locale’s rules', async () => {
    await loadLocale('fr')
    expect(translate('en', 'disk.entries', { count: 1 })).toBe('1 entry')
    expect(translate('en', 'disk.entries', { count: 0 })).toBe('0 entries')
    // French counts 0 and 1 as singular.
    expect(translate('fr', 'disk.entries', { count: 0 })).toBe('0 entrée')
    expect(translate('fr', 'disk.entries', { count: 2 })).toBe('2 entrées')
  })

  it('shows a missing parameter as itself, and an unknown key as the key', () => {
    expect(translate('en', 'player.position', { current: 1 })).toBe('Step 1 of {total}')
    expect(translate('en', 'no.such.key')).toBe('no.such.key')
  })
})
