// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { act } from 'react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loadLocale } from '../../i18n'
import { performAction, runTour } from '../../scenarios/run'
import { sandbox } from '../../scenarios/sandbox'
import { createPlayerStore } from '../store/playerStore'
import { appendEntry } from '../store/transcript'
import { PlayerContext } from '../store/usePlayer'
import { TerminalPanel } from './TerminalPanel'
import { loadLocalEngine } from '../worker/client'

// No worker here: the engine runs on this thread, loaded before the panels act synchronously.
beforeAll(loadLocalEngine)

const fcos = runTour(sandbox, { scale: 30 })

function show(cursor = fcos.length - 1) {
  const store = createPlayerStore()
  store.getState().actions.loadedTour('sandbox', fcos, cursor)
  render(
    <PlayerContext.Provider value={store}>
      <TerminalPanel />
    </PlayerContext.Provider>,
  )
  const input = screen.getByRole('textbox', { name: 'Terminal input' })
  const log = screen.getByRole('log', { name: 'Terminal output' })
  const type = (line: string) => {
    fireEvent.change(input, { target: { value: line } })
    fireEvent.keyDown(input, { key: 'Enter' })
  }
  return { store, input: input as HTMLInputElement, log, type }
}

afterEach(cleanup)

describe('the terminal', () => {
  it('takes no focus by itself, and shows the prompt before the input', () => {
    const { input } = show()
    expect(document.activeElement).toBe(document.body)
    expect(input.parentElement?.textContent).toContain('[core@localhost ~]$ ')
  })

  it('runs a line: the prompt and the line, then the output; the input empties', () => {
    const { input, log, type, store } = show()
    type('echo hello')
    expect(log.textContent).toBe('[core@localhost ~]$ echo hello\nhello\n')
    expect(input.value).toBe('')
    // a read-only command takes no step
    expect(store.getState().timeline).toBe(fcos)
    type('cd /etc')
    expect(input.parentElement?.textContent).toContain('[core@localhost etc]$ ')
  })

  it('says in the reader’s language what it does not simulate, where the output has got to', async () => {
    await loadLocale('fr')
    const { log, type, store } = show()
    type('echo one; podman ps; echo two')
    expect(log.textContent).toBe(
      '[core@localhost ~]$ echo one; podman ps; echo two\none\n' +
        'bash: podman: CoreOS has this command, but this shell does not simulate it (try help)\n' +
        'two\n',
    )
    // the scrollback is translated again when the language changes; the machine's output is not
    act(() => store.getState().actions.setLocale('fr'))
    expect(log.textContent).toContain(
      'one\nbash: podman: CoreOS a cette commande, mais ce shell ne la simule pas (essayez help)\ntwo\n',
    )
  })

  it('recalls earlier lines with Up and Down, and gives back the line being typed', () => {
    const { input, type } = show()
    type('echo one')
    type('echo two')
    fireEvent.change(input, { target: { value: 'ec' } })
    fireEvent.keyDown(input, { key: 'ArrowUp' })
    expect(input.value).toBe('echo two')
    fireEvent.keyDown(input, { key: 'ArrowUp' })
    expect(input.value).toBe('echo one')
    fireEvent.keyDown(input, { key: 'ArrowUp' })
    expect(input.value).toBe('echo one')
    fireEvent.keyDown(input, { key: 'ArrowDown' })
    fireEvent.keyDown(input, { key: 'ArrowDown' })
    expect(input.value).toBe('ec')
  })

  it('completes a command, and lists the candidates when there are several', () => {
    const { input, log } = show()
    fireEvent.change(input, { target: { value: 'systemc' } })
    fireEvent.keyDown(input, { key: 'Tab' })
    expect(input.value).toBe('systemctl ')
    fireEvent.change(input, { target: { value: 'ls /usr/l' } })
    input.setSelectionRange(9, 9)
    fireEvent.keyDown(input, { key: 'Tab' })
    expect(input.value).toBe('ls /usr/l')
    expect(log.textContent).toContain('lib/  lib64/  libexec/  local/')
  })

  it('leaves Tab alone on an empty line, so the keyboard can move on', () => {
    const { input } = show()
    const event = fireEvent.keyDown(input, { key: 'Tab' })
    expect(event).toBe(true) // not prevented
  })

  it('abandons the line on Ctrl-C, printing ^C, and keeps it out of the history', () => {
    const { input, log, store } = show()
    fireEvent.change(input, { target: { value: 'sudo rpm-ostree' } })
    fireEvent.keyDown(input, { key: 'c', ctrlKey: true })
    expect(input.value).toBe('')
    expect(log.textContent).toBe('[core@localhost ~]$ sudo rpm-ostree^C\n')
    expect(store.getState().shell?.history ?? []).toEqual([])
  })

  it('clears the screen on Ctrl-L and on `clear`', () => {
    const { input, log, type } = show()
    type('echo one')
    fireEvent.keyDown(input, { key: 'l', ctrlKey: true })
    expect(log.textContent).toBe('')
    type('echo two')
    type('clear')
    expect(log.textContent).toBe('')
  })

  it('hands the keys back on Escape', () => {
    const { input, log } = show()
    input.focus()
    fireEvent.keyDown(input, { key: 'Escape' })
    expect(document.activeElement).toBe(log)
  })

  it('survives garbage', () => {
    const { log, type } = show()
    for (const line of [')(', 'echo "open', '$(((', '\u0000\u202e;;|&', 'x'.repeat(5000)])
      type(line)
    expect(log.querySelectorAll('.terminal-entry')).toHaveLength(5)
  })
})

describe('a command that changes the machine', () => {
  it('adds its steps to the timeline and moves to the last, and the action replays them', () => {
    const { type, store, log } = show()
    type('sudo rpm-ostree upgrade --bypass-driver')
    expect(log.textContent).toContain('Staging deployment... done')
    expect(log.textContent).toContain('Run "systemctl reboot" to start a reboot')
    const { timeline, cursor, forks } = store.getState()
    expect(timeline.length).toBeGreaterThan(fcos.length)
    expect(cursor).toBe(timeline.length - 1)
    expect(timeline.some((s) => s.event.type === 'deployment/staged')).toBe(true)
    const [fork] = forks
    expect(fork).toEqual({
      at: fcos.length - 1,
      action: { type: 'shell', line: 'sudo rpm-ostree upgrade --bypass-driver' },
    })
    // The logged action alone rebuilds the same steps (plain JSON, so it can go in a link).
    const machine = fcos.at(-1)?.machine
    if (!fork || !machine) throw new Error('a fork on a machine')
    const replayed = performAction(machine, JSON.parse(JSON.stringify(fork.action)))
    expect(replayed).toEqual(timeline.slice(fcos.length))
  })

  it('forks the future when the cursor is in the past', () => {
    const { type, store } = show()
    type('sudo rpm-ostree upgrade --bypass-driver')
    const upgraded = store.getState().timeline.length
    store.getState().actions.goTo(fcos.length - 1)
    type('sudo touch /var/x') // /var is writable
    const { timeline, forks } = store.getState()
    expect(timeline.length).toBeLessThan(upgraded)
    expect(timeline.some((s) => s.event.type === 'deployment/staged')).toBe(false)
    expect(forks.map((f) => f.action)).toEqual([{ type: 'shell', line: 'sudo touch /var/x' }])
  })

  it('replays a line typed in another directory in that directory', () => {
    const { type, store } = show()
    type('cd /var/tmp')
    type('touch made-here')
    const action = store.getState().forks[0]?.action
    expect(action).toMatchObject({ type: 'shell', line: 'touch made-here', cwd: '/var/tmp' })
  })
})

describe('the scrollback', () => {
  it('keeps the newest lines within its bound', () => {
    const entry = (id: number, lines: number) => ({
      id,
      prompt: '$ ',
      line: `c${id}`,
      output: 'x\n'.repeat(lines),
    })
    let kept = [entry(1, 5), entry(2, 5)]
    kept = appendEntry(kept, entry(3, 5), 13)
    expect(kept.map((e) => e.id)).toEqual([2, 3])
    const long = appendEntry(kept, entry(4, 50), 13)
    expect(long.map((e) => e.id)).toEqual([4])
    expect(long[0]?.output.split('\n')).toHaveLength(12)
    // a notice takes a line, and keeps its place among the lines kept
    const message = { key: 'shell.outputCut', params: { count: 3 } }
    const noted = appendEntry([], { ...entry(5, 50), notices: [{ line: 50, message }] }, 13)
    expect(noted[0]?.output.split('\n')).toHaveLength(11)
    expect(noted[0]?.notices).toEqual([{ line: 10, message }])
  })
})
