import axe from 'axe-core'
import type { Page } from '@playwright/test'

/** What to scan: selectors to include (the whole page by default), rules instead of WCAG 2 A/AA. */
export interface Scan {
  include?: string | readonly string[] | undefined
  rules?: readonly string[] | undefined
}

/**
 * The accessibility violations axe-core finds in the page, each as "rule: target, target".
 * axe is put in the page once and run there: `@axe-core/playwright` injects it again and opens a
 * page of its own to finish every scan, a second or more each. The site has no frames to scan.
 * @example expect(await violations(page, { include: 'section.boot-panel' })).toEqual([])
 */
export async function violations(page: Page, { include, rules }: Scan = {}): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source)
  const selectors = include === undefined ? [] : typeof include === 'string' ? [include] : include
  return page.evaluate(
    async ({ selectors, rules }) => {
      const runner = (window as unknown as { axe: typeof axe }).axe
      const results = await runner.run(selectors.length ? { include: selectors } : document, {
        runOnly: rules
          ? { type: 'rule', values: rules }
          : { type: 'tag', values: ['wcag2a', 'wcag2aa'] },
        resultTypes: ['violations'],
      })
      return results.violations.map(
        (v) => `${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      )
    },
    { selectors: [...selectors], rules: rules ? [...rules] : undefined },
  )
}
