/**
 * A picture of the view, for a slide: the panels in front with the step's caption, under the
 * tour's title and the step's number, in the theme in use. The page is copied with its computed
 * styles into an SVG `<foreignObject>` (the SVG file); the PNG is that SVG drawn into a canvas at
 * slide size. Loaded when a person asks for a picture, not with the page.
 */
import { StyledCopier } from './cloneStyled'
import type { ExportFormat } from './fileName'

const SVG_NS = 'http://www.w3.org/2000/svg'

/** A PNG at least this wide (a 1080p slide), and at least twice the size on screen. */
const PNG_WIDTH = 1920
const MIN_SCALE = 2
/** Canvases much larger than this fail in some browsers. */
const MAX_SIDE = 8192

export interface ViewParts {
  /** The panels in front (`.stage-panels`). */
  stage: Element
  /** The step's caption (`.caption`). */
  caption: Element | null
  /** The texts over the picture, already translated. */
  title: string
  chapter: string | null
  step: string
  site: string
  lang: string
}

export interface Picture {
  /** The picture as an SVG document, `scale` times its size in CSS pixels. */
  svg(scale?: number): string
  width: number
  height: number
}

/** A colour of the theme in use, resolved (`--muted` is a `light-dark()` pair). */
function themeColor(variable: string): string {
  const probe = document.createElement('span')
  probe.style.color = `var(${variable})`
  probe.hidden = true
  document.body.append(probe)
  const color = getComputedStyle(probe).color
  probe.remove()
  return color
}

/**
 * The colour scheme the page is drawn in: the picture keeps it wherever it is opened (a form
 * control of a dark page stays dark on a light system).
 */
function usedScheme(): 'light' | 'dark' {
  const theme = document.documentElement.dataset['theme']
  if (theme === 'light' || theme === 'dark') return theme
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** An element of `doc` with inline style `css` and, if given, `text`. */
function box(doc: Document, css: string, text?: string): HTMLElement {
  const element = doc.createElement('div')
  element.setAttribute('style', css)
  if (text !== undefined) element.textContent = text
  return element
}

/** The view as it is on screen, composed for a slide. */
export function pictureOf(parts: ViewParts): Picture {
  const scheme = usedScheme()
  const copier = new StyledCopier({ 'color-scheme': scheme })
  try {
    const stage = copier.copy(parts.stage, { keepSizes: true })
    const caption = parts.caption && copier.copy(parts.caption, { keepSizes: false })
    if (!stage) throw new Error('the stage is not shown')
    const page = getComputedStyle(document.documentElement)
    const color = {
      bg: page.backgroundColor,
      text: page.color,
      muted: themeColor('--muted'),
      surface: themeColor('--surface'),
      border: themeColor('--border'),
      accent: themeColor('--accent'),
    }
    const width = Math.ceil(parts.stage.getBoundingClientRect().width)
    const doc = copier.document
    const frame = box(
      doc,
      `box-sizing:border-box;width:${width + 48}px;padding:20px 24px 24px;display:flex;` +
        `flex-direction:column;gap:14px;background:${color.bg};color:${color.text};` +
        `font:${page.font};color-scheme:${scheme}`,
    )
    frame.setAttribute('lang', parts.lang)
    const head = box(
      doc,
      `display:flex;flex-wrap:wrap;align-items:flex-end;gap:4px 24px;padding-bottom:10px;` +
        `border-bottom:3px solid ${color.accent}`,
    )
    // the step goes under the title where the picture is narrow (a phone's)
    const names = box(doc, 'flex:1 1 18rem;min-width:0')
    names.append(box(doc, 'font-size:1.5rem;font-weight:700;line-height:1.25', parts.title))
    if (parts.chapter) {
      names.append(box(doc, `font-size:1.05rem;color:${color.muted}`, parts.chapter))
    }
    const where = box(doc, 'margin-left:auto;text-align:right;white-space:nowrap')
    where.append(
      box(doc, 'font-size:1.2rem;font-weight:700;font-variant-numeric:tabular-nums', parts.step),
      box(doc, `font-size:0.9rem;color:${color.muted}`, parts.site),
    )
    head.append(names, where)
    frame.append(head, doc.importNode(stage, true))
    if (caption) {
      const under = box(
        doc,
        `padding:10px 16px;background:${color.surface};border:1px solid ${color.border};` +
          'border-radius:8px',
      )
      // the caption's glossary words read as words; the question's choices stay as on screen
      under.append(doc.importNode(caption, true))
      frame.append(under)
    }
    // laid out alone, with its style sheet and nothing else, to be measured
    const sheet = doc.createElement('style')
    sheet.textContent = copier.css()
    doc.head.append(sheet)
    doc.body.style.margin = '0'
    doc.body.append(frame)
    const size = frame.getBoundingClientRect()
    const w = Math.ceil(size.width)
    const h = Math.ceil(size.height)
    const body = new XMLSerializer().serializeToString(frame)
    const css = escapeXml(copier.css())
    const title = escapeXml(`${parts.title}: ${parts.step}`)
    return {
      width: w,
      height: h,
      svg: (scale = 1) =>
        `<svg xmlns="${SVG_NS}" width="${Math.round(w * scale)}" height="${Math.round(h * scale)}" ` +
        `viewBox="0 0 ${w} ${h}"><title>${title}</title><style>${css}</style>` +
        `<foreignObject x="0" y="0" width="${w}" height="${h}">${body}</foreignObject></svg>`,
    }
  } finally {
    copier.dispose()
  }
}

/** How many device pixels a CSS pixel of the picture becomes in the PNG. */
export function pngScale(width: number, height: number): number {
  const wanted = Math.max(MIN_SCALE, devicePixelRatio, PNG_WIDTH / width)
  return Math.min(wanted, MAX_SIDE / width, MAX_SIDE / height)
}

/** The picture drawn at `scale` into a canvas, as a PNG. */
export async function pngOf(picture: Picture, scale = pngScale(picture.width, picture.height)) {
  const image = new Image()
  // a data: URL, not a blob: one, so the canvas stays readable (not tainted) in Chromium
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(picture.svg(scale))}`
  await image.decode()
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(picture.width * scale)
  canvas.height = Math.round(picture.height * scale)
  const context = canvas.getContext('2d')
  if (!context) throw new Error('no 2D canvas')
  context.drawImage(image, 0, 0, canvas.width, canvas.height)
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no PNG'))), 'image/png'),
  )
}

/** The longest the picture waits for the panels to draw the step shown. */
const SETTLE_MS = 2000

/**
 * The panels follow the cursor in a deferred render, busy (`aria-busy`) while they lag it: the
 * picture is of the step shown, so it waits for them, a little.
 */
async function settled(stage: Element): Promise<void> {
  const until = performance.now() + SETTLE_MS
  while (stage.getAttribute('aria-busy') === 'true' && performance.now() < until) {
    await new Promise((resolve) => requestAnimationFrame(resolve))
  }
}

/** The view as a file of `format`. */
export async function exportView(parts: ViewParts, format: ExportFormat): Promise<Blob> {
  await settled(parts.stage)
  const picture = pictureOf(parts)
  if (format === 'png') return pngOf(picture)
  return new Blob([picture.svg()], { type: 'image/svg+xml' })
}

/** Hands `blob` to the browser as a download named `name`. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // the download has started from the URL by the time the next task runs
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
