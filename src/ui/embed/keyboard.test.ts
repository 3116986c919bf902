// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { commandForKey, embeddedKey, ownsKey, typesText } from './keyboard'

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

describe('embedded keys', () => {
  const middle = { first: false, last: false }
  const keys = (k: string, at = middle, mods = {}) => embeddedKey({ ...key(k, mods) }, at)

  it('steps the tour while there are steps, and hands the keys back past either end', () => {
    expect(keys('ArrowRight')).toEqual({ command: 'next', handBack: false })
    expect(keys('PageDown')).toEqual({ command: 'next', handBack: false })
    expect(keys('ArrowRight', { first: false, last: true })).toEqual({
      command: null,
      handBack: true,
    })
    expect(keys('PageDown', { first: false, last: true })).toEqual({
      command: null,
      handBack: true,
    })
    expect(keys('ArrowLeft', { first: true, last: false })).toEqual({
      command: null,
      handBack: true,
    })
    expect(keys('PageUp', { first: true, last: false })).toEqual({ command: null, handBack: true })
    expect(keys('PageUp')).toEqual({ command: 'previous', handBack: false })
  })

  it('hands back Escape and the keys the tour does not use, with the deck’s own', () => {
    for (const k of ['Escape', 'o', 's', 'f', 'n', 'p', 'g', 'F5', 'Unknown'])
      expect(keys(k)).toEqual({ command: null, handBack: true })
  })

  it('pauses on a clicker’s blank button, and blanks the deck too', () => {
    expect(keys('b')).toEqual({ command: 'pause', handBack: true })
    expect(keys('.')).toEqual({ command: 'pause', handBack: true })
  })

  it('keeps Tab, lone modifiers and the browser’s shortcuts in the tour', () => {
    for (const k of ['Tab', 'Shift', 'Control', 'Alt', 'Meta'])
      expect(keys(k)).toEqual({ command: null, handBack: false })
    expect(keys('c', middle, { ctrlKey: true })).toEqual({ command: null, handBack: false })
  })

  it('plays, pauses and changes speed as when not embedded', () => {
    expect(keys(' ')).toEqual({ command: 'togglePlay', handBack: false })
    expect(keys('+')).toEqual({ command: 'faster', handBack: false })
    expect(keys('End')).toEqual({ command: 'last', handBack: false })
  })
})

describe('typesText', () => {
  it('is true where a person types, and false on menus, sliders and buttons', () => {
    const make = (html: string) => {
      document.body.innerHTML = html
      return document.body.firstElementChild
    }
    expect(typesText(make('<input type="text">'))).toBe(true)
    expect(typesText(make('<textarea></textarea>'))).toBe(true)
    expect(typesText(make('<div contenteditable="true"></div>'))).toBe(true)
    expect(typesText(make('<input type="range">'))).toBe(false)
    expect(typesText(make('<select><option>1</option></select>'))).toBe(false)
    expect(typesText(make('<button>Play</button>'))).toBe(false)
    expect(typesText(null)).toBe(false)
  })
})
