/**
 * A copy of part of the page that carries its own look, for a picture of it: each element's
 * computed style becomes a class of a style sheet that travels with the copy, so the copy draws
 * the same where the page's style sheets do not reach (an SVG `<foreignObject>` in an image).
 * Colours come resolved (the theme's `light-dark()` pairs are already decided), and what moves
 * on screen (an animation, a transition) is left out, so the picture is the step as it settled.
 */

const SVG_NS = 'http://www.w3.org/2000/svg'

/** What a still picture has no use for, or would replay: motion, interaction, scrolling. */
const SKIPPED =
  /^(--|animation|transition|will-change|view-transition|cursor|pointer-events|caret-|user-select|-webkit-user-|touch-action|scroll-|overscroll-|scrollbar-|interactivity|interest-|timeline-trigger|app-region|window-drag|-webkit-tap-highlight|-webkit-text-decorations-in-effect)/

/**
 * Inherited properties (mdn-data's `inherited`, and Chromium's own prefixed ones): a child whose
 * value is its parent's leaves them out. Every other property is left out where it has the
 * value a plain element of its kind has.
 */
const INHERITED = new Set(
  `accent-color border-collapse caption-side clip-rule color color-interpolation
  color-interpolation-filters color-rendering color-scheme direction dominant-baseline
  dynamic-range-limit empty-cells fill fill-opacity fill-rule font-family font-feature-settings
  font-kerning font-language-override font-optical-sizing font-palette font-size font-size-adjust
  font-stretch font-style font-synthesis-small-caps font-synthesis-style font-synthesis-weight
  font-variant font-variant-alternates font-variant-caps font-variant-east-asian
  font-variant-emoji font-variant-ligatures font-variant-numeric font-variant-position
  font-variation-settings font-weight forced-color-adjust hyphenate-character
  hyphenate-limit-chars hyphens image-orientation image-rendering interpolate-size letter-spacing
  line-break line-height list-style-image list-style-position list-style-type marker-end
  marker-mid marker-start math-depth math-shift math-style object-position orphans overflow-wrap
  paint-order print-color-adjust quotes ruby-align ruby-overhang ruby-position speak stroke
  stroke-dasharray stroke-dashoffset stroke-linecap stroke-linejoin stroke-miterlimit
  stroke-opacity stroke-width tab-size text-align text-align-last text-anchor text-autospace
  text-combine-upright text-decoration-skip-ink text-emphasis-color text-emphasis-position
  text-emphasis-style text-indent text-justify text-orientation text-rendering text-shadow
  text-size-adjust text-spacing-trim text-transform text-underline-offset text-underline-position
  text-wrap-mode text-wrap-style visibility white-space-collapse widows word-break word-spacing
  writing-mode -webkit-border-horizontal-spacing -webkit-border-vertical-spacing
  -webkit-font-smoothing -webkit-line-break -webkit-locale -webkit-rtl-ordering
  -webkit-ruby-position -webkit-text-combine -webkit-text-fill-color -webkit-text-orientation
  -webkit-text-security -webkit-text-stroke-color -webkit-text-stroke-width -webkit-writing-mode`.split(
    /\s+/,
  ),
)

/** A box's size: kept where what it holds was drawn to it (a diagram measures its width). */
const SIZES = new Set(['width', 'height', 'inline-size', 'block-size'])

const PSEUDOS = ['::before', '::after'] as const

/** Computed values by property name. */
type Values = Map<string, string>

/** An element kind with no style sheet: its values, and the inherited ones it sets itself. */
interface Kind {
  values: Values
  own: ReadonlySet<string>
}

/**
 * Inherited values no browser gives an element of its own: an element whose value differs from
 * these under a parent that has them has its value from the browser's style sheet.
 */
const UNUSUAL = [
  'font: italic small-caps 900 37px/3 fantasy',
  'color: rgb(1, 2, 3)',
  'letter-spacing: 3px',
  'word-spacing: 5px',
  'text-align: right',
  'text-indent: 7px',
  'text-transform: uppercase',
  'white-space: pre',
  'list-style-type: square',
  'text-shadow: rgb(1, 2, 3) 1px 1px 0px',
  'font-variant-numeric: tabular-nums',
  'overflow-wrap: anywhere',
  'word-break: break-all',
  'border-collapse: collapse',
  'fill: rgb(1, 2, 3)',
  'stroke: rgb(1, 2, 3)',
  'stroke-width: 3px',
  'visibility: collapse',
  'cursor: wait',
].join(';')

export interface CopyOptions {
  /**
   * Keep every box at its size on screen, for what was laid out to fit (the panels). Off, the
   * copy lays out anew at the width it is given (the caption, set under the panels).
   */
  keepSizes: boolean
}

/**
 * Copies parts of the page with their look. It works in a hidden frame of its own, whose
 * elements show what each kind of element looks like with no style sheet, and where the copy is
 * laid out alone to be measured. Call `dispose` when done.
 */
export class StyledCopier {
  private readonly frame: HTMLIFrameElement
  private readonly names: string[]
  private readonly defaults = new Map<string, Kind>()
  private readonly classes = new Map<string, string>()
  private readonly rules: string[] = []
  private pseudoCount = 0
  /** The page's own address, as `url()` values name it in computed styles. */
  private readonly here = location.href.split('#')[0] ?? ''

  /** `overrides`: values that replace what the page computes (`color-scheme: dark`). */
  constructor(private readonly overrides: Readonly<Record<string, string>> = {}) {
    this.frame = document.createElement('iframe')
    this.frame.setAttribute('aria-hidden', 'true')
    this.frame.tabIndex = -1
    // laid out (so sizes can be read) but never seen, and wide enough for a copy of the stage
    this.frame.style.cssText =
      'position:fixed;left:-20000px;top:0;width:8000px;height:100px;border:0;visibility:hidden'
    document.body.append(this.frame)
    const doc = this.document
    doc.open()
    doc.write('<!DOCTYPE html><html><head></head><body></body></html>')
    doc.close()
    const style = getComputedStyle(document.documentElement)
    this.names = []
    for (let i = 0; i < style.length; i++) {
      const name = style.item(i)
      if (!SKIPPED.test(name)) this.names.push(name)
    }
  }

  /** The hidden frame's document: the copy is laid out there, with no style sheet but its own. */
  get document(): Document {
    const doc = this.frame.contentDocument
    if (!doc) throw new Error('the copier has no frame')
    return doc
  }

  /** The style sheet of every copy made so far. */
  css(): string {
    return this.rules.join('\n')
  }

  dispose(): void {
    this.frame.remove()
  }

  /** A copy of `source` and what it holds, styled as on screen; null for what is not shown. */
  copy(source: Element, options: CopyOptions): Element | null {
    return this.copyElement(source, null, null, options)
  }

  /**
   * What an element of `element`'s kind looks like with no style sheet: its computed style under
   * a plain parent, and the inherited properties the browser's own style sheet sets on it (a
   * button's font, a heading's size), found under a parent whose inherited values are unusual.
   * Those it does not inherit, even where the page makes them equal to the parent's.
   */
  private defaultsOf(element: Element): Kind {
    const type = element.localName === 'input' ? (element.getAttribute('type') ?? '') : ''
    const key = `${element.namespaceURI ?? ''} ${element.localName} ${type}`
    let kind = this.defaults.get(key)
    if (kind) return kind
    const doc = this.document
    const probe = (parent: HTMLElement) => {
      const made = doc.createElementNS(element.namespaceURI, element.localName)
      if (type) made.setAttribute('type', type)
      if (element.namespaceURI === SVG_NS && element.localName !== 'svg') {
        parent.appendChild(doc.createElementNS(SVG_NS, 'svg')).append(made)
      } else parent.append(made)
      const style = getComputedStyle(made)
      const values: Values = new Map(this.names.map((name) => [name, style.getPropertyValue(name)]))
      parent.replaceChildren()
      return values
    }
    const plain = doc.createElement('div')
    const unusual = doc.createElement('div')
    unusual.style.cssText = UNUSUAL
    doc.body.append(plain, unusual)
    const values = probe(plain)
    const under = probe(unusual)
    const parent = getComputedStyle(unusual)
    const own = new Set(
      [...INHERITED].filter(
        (name) => under.has(name) && under.get(name) !== parent.getPropertyValue(name),
      ),
    )
    plain.remove()
    unusual.remove()
    kind = { values, own }
    this.defaults.set(key, kind)
    return kind
  }

  private local(value: string): string {
    return value.includes('url(') ? value.split(`url("${this.here}#`).join('url("#') : value
  }

  /**
   * The declarations that make an element (or a pseudo-element) look as `style` says, given
   * `parent`, the computed style it inherits from (null: it inherits nothing of ours).
   */
  private declarations(
    style: CSSStyleDeclaration,
    parent: CSSStyleDeclaration | null,
    kind: Kind,
    options: CopyOptions,
  ): Map<string, string> {
    const out = new Map<string, string>()
    for (const name of this.names) {
      if (!options.keepSizes && SIZES.has(name)) continue
      const value = style.getPropertyValue(name)
      if (INHERITED.has(name)) {
        if (parent && !kind.own.has(name) && value === parent.getPropertyValue(name)) continue
      } else if (value === kind.values.get(name)) continue
      out.set(name, this.local(this.overrides[name] ?? value))
    }
    // no scroll bars in a picture: what was scrolled out of view stays clipped
    for (const name of ['overflow-x', 'overflow-y']) {
      const value = out.get(name)
      if (value === 'auto' || value === 'scroll') out.set(name, 'hidden')
    }
    return out
  }

  private classFor(declarations: Map<string, string>): string {
    const text = [...declarations].map(([name, value]) => `${name}:${value}`).join(';')
    let name = this.classes.get(text)
    if (name === undefined) {
      name = `s${this.classes.size}`
      this.classes.set(text, name)
      this.rules.push(`.${name}{${text}}`)
    }
    return name
  }

  /**
   * How far a sticky element is from where it would be without stickiness: measured by taking
   * it out of its stuck place for a moment (no frame is drawn in between).
   */
  private stuckBy(source: HTMLElement): { x: number; y: number } {
    const stuck = source.getBoundingClientRect()
    const inline = source.style.getPropertyValue('position')
    const priority = source.style.getPropertyPriority('position')
    source.style.setProperty('position', 'static', 'important')
    const unstuck = source.getBoundingClientRect()
    source.style.setProperty('position', inline, priority)
    return { x: stuck.left - unstuck.left, y: stuck.top - unstuck.top }
  }

  private copyElement(
    source: Element,
    parent: CSSStyleDeclaration | null,
    scrolled: { x: number; y: number } | null,
    options: CopyOptions,
  ): Element | null {
    const style = getComputedStyle(source)
    if (style.display === 'none') return null
    const copy = source.cloneNode(false) as Element
    const own = this.declarations(style, parent, this.defaultsOf(source), options)
    // Its place: where the scroll of its container and its own stickiness put it on screen.
    let shift = scrolled ?? { x: 0, y: 0 }
    if (style.position === 'sticky' && source instanceof HTMLElement) {
      const by = this.stuckBy(source)
      shift = { x: shift.x + by.x, y: shift.y + by.y }
      own.set('position', 'relative')
    }
    if (shift.x !== 0 || shift.y !== 0) {
      const [tx = '0px', ty = '0px', tz] =
        style.translate === 'none' ? [] : style.translate.split(' ')
      own.set(
        'translate',
        `calc(${tx} + ${shift.x}px) calc(${ty} + ${shift.y}px)${tz ? ` ${tz}` : ''}`,
      )
    }
    copy.removeAttribute('style')
    const names = [this.classFor(own)]
    for (const pseudo of PSEUDOS) {
      const before = getComputedStyle(source, pseudo)
      if (before.content === 'none' || before.content === 'normal') continue
      const name = `p${this.pseudoCount++}`
      const rule = this.declarations(before, style, this.defaultsOf(PSEUDO_KIND), options)
      rule.set('content', before.content)
      this.rules.push(`.${name}${pseudo}{${[...rule].map(([k, v]) => `${k}:${v}`).join(';')}}`)
      names.push(name)
    }
    copy.setAttribute('class', names.join(' '))
    keepValue(source, copy)

    const offset =
      source.scrollTop !== 0 || source.scrollLeft !== 0
        ? { x: -source.scrollLeft, y: -source.scrollTop }
        : null
    for (const child of source.childNodes) {
      if (child instanceof Element) {
        const part = this.copyElement(child, style, offset, options)
        if (part) copy.append(part)
      } else if (child.nodeType === Node.TEXT_NODE) copy.append(child.cloneNode())
    }
    return copy
  }
}

/** A pseudo-element is inline by default, as a span is. */
const PSEUDO_KIND = document.createElement('span')

/** What a form control shows is its value, which a copy of its element does not carry. */
function keepValue(source: Element, copy: Element): void {
  if (source instanceof HTMLInputElement) {
    copy.setAttribute('value', source.value)
    if (source.checked) copy.setAttribute('checked', '')
  } else if (source instanceof HTMLTextAreaElement) copy.textContent = source.value
  else if (source instanceof HTMLOptionElement && source.selected) copy.setAttribute('selected', '')
}
