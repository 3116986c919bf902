/**
 * The words of CoreOS and ostree that captions and notes use, each with its definition (keys of
 * src/i18n/en.json: `glossary.<id>.term`, `glossary.<id>.definition`) and the forms that name it
 * in each language, so a caption can link its first mention of each. Facts from the reference
 * (ostree.md, updates-2023-2026.md section D for composefs). Pure data and functions: no React.
 */

export type GlossaryLocale = 'en' | 'fr'

export interface GlossaryTerm {
  /** Stable, lower-case words joined by hyphens. */
  id: string
  termKey: string
  definitionKey: string
  /** The forms that name the term in a text (plurals, verbs, phrases), matched ignoring case. */
  words: Readonly<Record<GlossaryLocale, readonly string[]>>
}

function term(id: string, en: readonly string[], fr: readonly string[]): GlossaryTerm {
  return {
    id,
    termKey: `glossary.${id}.term`,
    definitionKey: `glossary.${id}.definition`,
    words: { en, fr },
  }
}

/** Every term, in the order a reader meets them on the article's path. */
export const GLOSSARY: readonly GlossaryTerm[] = [
  term(
    'object',
    ['object', 'objects', 'content-addressed', 'repository', 'repositories'],
    ['objet', 'objets', 'adressés par leur contenu', 'adressé par son contenu', 'dépôt', 'dépôts'],
  ),
  term('commit', ['commit', 'commits'], ['commit', 'commits']),
  term('ref', ['ref', 'refs'], ['ref', 'refs', 'référence', 'références']),
  term(
    'hard-link',
    ['hard link', 'hard links', 'hard-linked', 'hardlink', 'hardlinks'],
    ['lien physique', 'liens physiques'],
  ),
  term('deployment', ['deployment', 'deployments'], ['déploiement', 'déploiements']),
  term('stateroot', ['stateroot', 'stateroots'], ['stateroot', 'stateroots']),
  term(
    'bls-entry',
    ['BLS entry', 'BLS entries', 'boot entry', 'boot entries'],
    ['entrée BLS', 'entrées BLS', 'entrée de démarrage', 'entrées de démarrage'],
  ),
  term(
    'bootlinks',
    ['boot links', 'boot link', 'bootlinks', 'boot.N', 'loader.N', 'loader.0', 'loader.1'],
    ['liens de démarrage', 'lien de démarrage', 'boot.N', 'loader.N', 'loader.0', 'loader.1'],
  ),
  term('ignition', ['Ignition'], ['Ignition']),
  term('initramfs', ['initramfs'], ['initramfs']),
  term(
    'prepare-root',
    ['ostree-prepare-root.service', 'ostree-prepare-root', 'prepare-root'],
    ['ostree-prepare-root.service', 'ostree-prepare-root', 'prepare-root'],
  ),
  term('composefs', ['composefs'], ['composefs']),
  term(
    'staged',
    ['staged', 'staging'],
    [
      'déploiement préparé',
      'déploiements préparés',
      'mise à jour préparée',
      'mises à jour préparées',
      'préparée',
      'préparées',
      'staged',
    ],
  ),
  term(
    'finalization',
    [
      'ostree-finalize-staged.service',
      'ostree-finalize-staged',
      'finalization',
      'finalize',
      'finalized',
      'finalizes',
      'finalizing',
    ],
    [
      'ostree-finalize-staged.service',
      'ostree-finalize-staged',
      'finalisation',
      'finaliser',
      'finalisé',
      'finalisée',
    ],
  ),
  term(
    'etc-merge',
    // not "merged" alone: Ignition's stages merge configs too
    ['three-way merge', '/etc merge', 'merge of /etc', 'merged /etc', 'merge'],
    ['fusion à trois voies', 'fusion de /etc', 'fusion', '/etc fusionné', 'fusionner'],
  ),
  term('pending', ['pending'], ['en attente', 'pending']),
  term(
    'rollback',
    ['rollback', 'rollbacks', 'roll back', 'rolling back'],
    [
      'retour arrière',
      'retours arrière',
      'retour en arrière',
      'retours en arrière',
      'revenir en arrière',
    ],
  ),
  term(
    'pinned',
    ['pinned', 'pin', 'pinning'],
    ['épinglé', 'épinglée', 'épinglés', 'épingler', 'épinglage'],
  ),
]

/** A caption cut for links: plain text, and the mentions of terms (`term` is a `GlossaryTerm.id`). */
export type LinkedText = Array<string | { text: string; term: string }>

interface Candidate {
  /** Lower case, as `toLowerCase` gives it. */
  word: string
  term: string
}

/** Each locale's words, longest first, so `ostree-prepare-root` wins over `prepare-root`. */
const CANDIDATES: Record<GlossaryLocale, readonly Candidate[]> = {
  en: candidates('en'),
  fr: candidates('fr'),
}

function candidates(locale: GlossaryLocale): Candidate[] {
  return GLOSSARY.flatMap((t) =>
    t.words[locale].map((w) => ({ word: w.toLowerCase(), term: t.id })),
  ).sort((a, b) => b.word.length - a.word.length)
}

/** Letters and digits of any script, and what joins them into one name (`ostree-prepare-root`). */
const WORD = /[\p{L}\p{N}_\-$=]/u
/** What separates a path, a checksum or a name from the prose around it. */
const OUTSIDE = /[\s"“”«»()[\],;:!?'’]/u

const isWord = (c: string | undefined) => c !== undefined && WORD.test(c)

/** A word of its own: not the middle of a longer name (`ignition.firstboot`, `finalize-staged`). */
function standsAlone(text: string, start: number, end: number): boolean {
  const before = text[start - 1]
  const after = text[end]
  if (isWord(before) || isWord(after)) return false
  if (before === '.' && isWord(text[start - 2])) return false
  if (after === '.' && isWord(text[end + 1])) return false
  return true
}

/**
 * Not inside a path or a checksum: the run of characters around the match (up to spaces and
 * punctuation) has no `/` outside the match itself (`/etc merge` links, `/etc/hostname` does not),
 * and no shortened checksum (`48fbb33….0`).
 */
function outsidePaths(text: string, start: number, end: number): boolean {
  let from = start
  while (from > 0 && !OUTSIDE.test(text[from - 1] as string)) from--
  let to = end
  while (to < text.length && !OUTSIDE.test(text[to] as string)) to++
  const around = text.slice(from, start) + text.slice(end, to)
  return !around.includes('/') && !around.includes('…')
}

/**
 * `text` cut into plain text and the first mention of each term: whole words, ignoring case,
 * longest first, never inside a path or a checksum. Joined again, the parts give `text` back.
 * @example
 * linkTerms('The deployment is staged.', 'en')
 * // ['The ', { text: 'deployment', term: 'deployment' }, ' is ', { text: 'staged', term: 'staged' }, '.']
 */
export function linkTerms(text: string, locale: GlossaryLocale): LinkedText {
  const lower = text.toLowerCase()
  // toLowerCase keeps every index where it matters: the words and the texts here are Latin script
  const aligned = lower.length === text.length
  const out: LinkedText = []
  const used = new Set<string>()
  let plain = 0
  let i = 0
  while (i < text.length && aligned) {
    if (isWord(text[i - 1])) {
      i++
      continue
    }
    const found = CANDIDATES[locale].find(
      (c) =>
        !used.has(c.term) &&
        lower.startsWith(c.word, i) &&
        standsAlone(text, i, i + c.word.length) &&
        outsidePaths(text, i, i + c.word.length),
    )
    if (found === undefined) {
      i++
      continue
    }
    if (i > plain) out.push(text.slice(plain, i))
    out.push({ text: text.slice(i, i + found.word.length), term: found.term })
    used.add(found.term)
    i += found.word.length
    plain = i
  }
  if (plain < text.length) out.push(text.slice(plain))
  return out
}
