import { describe, expect, it } from 'vitest'
import en from '../i18n/en.json'
import fr from '../i18n/fr.json'
import { loadLocale, translate, type Locale } from '../i18n'
import { GLOSSARY, linkTerms, type GlossaryLocale, type LinkedText } from './glossary'
import { registry } from './registry'
import { runTour } from './run'

const LOCALES: readonly GlossaryLocale[] = ['en', 'fr']
const joined = (parts: LinkedText) =>
  parts.map((p) => (typeof p === 'string' ? p : p.text)).join('')
const terms = (parts: LinkedText) => parts.flatMap((p) => (typeof p === 'string' ? [] : [p.term]))
const mentions = (parts: LinkedText) =>
  parts.flatMap((p) => (typeof p === 'string' ? [] : [p.text]))

/** Every caption and note of every tour, as a reader sees them in `locale`. */
async function tourTexts(locale: Locale): Promise<string[]> {
  await loadLocale(locale)
  const texts = new Set<string>()
  for (const tour of registry)
    for (const step of runTour(tour, { scale: 40 }))
      for (const m of step.note ? [step.caption, step.note] : [step.caption])
        texts.add(translate(locale, m.key, m.params))
  return [...texts]
}

describe('the glossary', () => {
  it('[i18n] has every term and definition in English and French, and words in both', () => {
    const ids = GLOSSARY.map((t) => t.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const t of GLOSSARY) {
      for (const catalog of [en, fr] as Record<string, string>[]) {
        expect(catalog[t.termKey]?.trim(), t.termKey).toBeTruthy()
        expect(catalog[t.definitionKey]?.trim(), t.definitionKey).toBeTruthy()
      }
      for (const locale of LOCALES) expect(t.words[locale].length, t.id).toBeGreaterThan(0)
    }
  })

  it('defines the words the brief names: deployments, boot, upgrades and what comes next', () => {
    expect(GLOSSARY.map((t) => t.id).sort()).toEqual(
      [
        'bls-entry',
        'bootlinks',
        'commit',
        'composefs',
        'deployment',
        'etc-merge',
        'finalization',
        'hard-link',
        'ignition',
        'initramfs',
        'object',
        'pending',
        'pinned',
        'prepare-root',
        'ref',
        'rollback',
        'stateroot',
        'staged',
      ].sort(),
    )
  })

  it('links the first mention of each term, whole words, ignoring case, longest first', () => {
    expect(linkTerms('The deployment is staged; the deployment waits.', 'en')).toEqual([
      'The ',
      { text: 'deployment', term: 'deployment' },
      ' is ',
      { text: 'staged', term: 'staged' },
      '; the deployment waits.',
    ])
    expect(terms(linkTerms('Deployment 0 is now pinned.', 'en'))).toEqual(['deployment', 'pinned'])
    expect(mentions(linkTerms('ostree-prepare-root follows the ostree= link', 'en'))).toEqual([
      'ostree-prepare-root',
    ])
    expect(mentions(linkTerms('The /etc three-way merge: a local change wins.', 'en'))).toEqual([
      'three-way merge',
    ])
    expect(mentions(linkTerms('La fusion de /etc lit l’initramfs.', 'fr'))).toEqual([
      'fusion de /etc',
      'initramfs',
    ])
    // not the middle of a longer name
    expect(
      terms(linkTerms('refspec, ignition.firstboot, $ignition_firstboot, deployments2', 'en')),
    ).toEqual([])
    expect(mentions(linkTerms('Shutdown: ostree-finalize-staged takes it.', 'en'))).toEqual([
      'ostree-finalize-staged',
    ])
  })

  it('never links inside a path or a checksum', () => {
    for (const text of [
      '/ostree/deploy/fedora-coreos/deploy/48fbb33….0',
      '/run/ostree/staged-deployment',
      'The inactive loader.1/entries is emptied.',
      '/boot/ignition.firstboot and /etc/hostname',
      'objects/3f/a9….file under /ostree/repo',
      'ostree=/ostree/boot.1/fedora-coreos/0f1e…/0',
      'refs/heads/ostree/1/1/0',
    ])
      expect(terms(linkTerms(text, 'en')), text).toEqual([])
    expect(mentions(linkTerms('/boot/loader.tmp → loader.1 is prepared', 'en'))).toEqual([
      'loader.1',
    ])
    expect(mentions(linkTerms('the /etc merge panel', 'en'))).toEqual(['/etc merge'])
  })

  for (const locale of LOCALES) {
    describe(`in ${locale === 'en' ? 'English' : 'French'}`, () => {
      const texts = tourTexts(locale)

      it('gives every caption and note back whole when its parts are joined', async () => {
        for (const text of await texts) expect(joined(linkTerms(text, locale))).toBe(text)
      })

      it('names no dead term: each is mentioned in some caption or note of a tour', async () => {
        const seen = new Set((await texts).flatMap((text) => terms(linkTerms(text, locale))))
        expect(GLOSSARY.map((t) => t.id).filter((id) => !seen.has(id))).toEqual([])
      })
    })
  }
})
