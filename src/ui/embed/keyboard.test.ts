// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { commandForKey, ownsKey } from './keyboard'

const key = (
  k: string,
  mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {},
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
})

describe('keyboard map', () => {
  it('maps the deck and media keys', () => {
    expect(commandForKey(key('ArrowRight'))).toBe('next')
    expect(commandForKey(key('PageDown'))).toBe('next')
    expect(commandForKey(key('ArrowLeft'))).toBe('previous')
    expect(commandForKey(key('PageUp'))).toBe('previous')
    expect(commandForKey(key(' '))).toBe('togglePlay')
    expect(commandForKey(key('Home'))).toBe('first')
    expect(commandForKey(key('End'))).toBe('last')
    expect(commandForKey(key('-'))).toBe('slower')
    expect(commandForKey(key('+'))).toBe('faster')
    expect(commandForKey(key('.'))).toBe('pause')
  })

  it('[fold] f opens or closes the folded steps, and leaves Ctrl+F to the browser', () => {
    expect(commandForKey(key('f'))).toBe('toggleFold')
    expect(commandForKey(key('F'))).toBe('toggleFold')
    expect(commandForKey(key('f', { ctrlKey: true }))).toBeNull()
    expect(commandForKey(key('f', { metaKey: true }))).toBeNull()
  })

  it('leaves other keys and shortcuts to the browser', () => {
    expect(commandForKey(key('a'))).toBeNull()
    expect(commandForKey(key('ArrowRight', { altKey: true }))).toBeNull()
    expect(commandForKey(key('+', { ctrlKey: true }))).toBeNull()
    expect(commandForKey(key('toString'))).toBeNull()
  })

  it('lets form fields and buttons keep the keys they use', () => {
    document.body.innerHTML =
      '<input type="range" id="r"><select id="s"></select><button id="b">x</button><p id="p"></p>'
    const el = (id: string) => document.getElementById(id)
    expect(ownsKey(el('r'), 'ArrowRight')).toBe(true)
    expect(ownsKey(el('s'), 'ArrowLeft')).toBe(true)
    expect(ownsKey(el('b'), ' ')).toBe(true)
    expect(ownsKey(el('b'), 'ArrowRight')).toBe(false)
    expect(ownsKey(el('p'), ' ')).toBe(false)
    expect(ownsKey(document.body, 'End')).toBe(false)
  })
})
