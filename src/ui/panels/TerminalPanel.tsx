import {
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type RefObject,
} from 'react'
import type { ShellNotice, ShellResult, ShellState } from '../../engine'
import { complete } from '../../engine/shell/complete'
import { initialShell, shellDown } from '../../engine/shell/login'
import { promptOf } from '../../engine/shell/run'
import type { Machine } from '../../engine/types'
import { engineClient } from '../worker/client'
import type { LocalEngine } from '../worker/local'
import { shellAction } from '../../scenarios/shellAction'
import { findTour } from '../../scenarios/registry'
import type { MessageKey } from '../../i18n'
import { stepNumber } from '../store/folds'
import { canBoot, selectMachine } from '../store/selectors'
import type { TranscriptEntry } from '../store/transcript'
import { useAct } from '../store/useAct'
import { usePlayer, usePlayerStore } from '../store/usePlayer'
import { useMessageText, useT } from '../useT'
import { Panel } from './Panel'

/** What the sandbox suggests trying, in the order a story goes: look, upgrade, reboot, break. */
const TRIES: readonly { command: string; key: MessageKey }[] = [
  { command: 'ls -l /', key: 'terminal.try.root' },
  { command: 'sudo ostree admin status', key: 'terminal.try.status' },
  { command: 'ls -li /ostree/deploy/*/deploy/*/bin/ls', key: 'terminal.try.inodes' },
  { command: 'sudo rpm-ostree upgrade --bypass-driver', key: 'terminal.try.upgrade' },
  { command: 'sudo systemctl reboot', key: 'terminal.try.reboot' },
  { command: 'touch /usr/x', key: 'terminal.try.readOnly' },
]

/**
 * The terminal: a shell on the machine at the cursor. A command that changes the machine adds its
 * steps to the timeline (forking the future when the cursor is in the past) and moves to its last
 * step, so the next command runs on the machine it left; step back to watch each step.
 */
export function TerminalPanel() {
  const t = useT()
  const machine = usePlayer(selectMachine)
  const tourId = usePlayer((s) => s.tourId)
  const inputRef = useRef<HTMLInputElement>(null)
  const [line, setLine] = useState('')
  const caret = useRef<number | null>(null)
  if (!machine) return null
  const sandbox = findTour(tourId)?.id === 'sandbox'
  const pick = (command: string) => {
    setLine(command)
    caret.current = command.length
    inputRef.current?.focus()
  }
  return (
    <Panel title={t('panel.terminal')} className="terminal-panel">
      <Terminal machine={machine} inputRef={inputRef} line={line} setLine={setLine} caret={caret} />
      {sandbox && (
        <>
          <h3>{t('terminal.tryTitle')}</h3>
          <p className="hint">{t('terminal.tryHint')}</p>
          <ul className="tries">
            {TRIES.map(({ command, key }) => (
              <li key={command}>
                <button type="button" className="try-command mono" onClick={() => pick(command)}>
                  {command}
                </button>
                <span>{t(key)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Panel>
  )
}

/** The longest start every candidate shares. */
function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? ''
  for (const word of words) while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1)
  return prefix
}

/** A candidate as bash lists it: the last component of a path, a directory with its slash. */
function shown(candidate: string): string {
  const word = candidate.trimEnd()
  const slash = word.endsWith('/') ? word.slice(0, -1).lastIndexOf('/') : word.lastIndexOf('/')
  return word.slice(slash + 1)
}

/** Runs a line, and never lets a failure of the shell reach the page. */
function safeRun(
  engine: LocalEngine,
  machine: Machine,
  shell: ShellState,
  line: string,
): ShellResult {
  try {
    return engine.runCommand(machine, shell, line)
  } catch (error) {
    return failed(machine, shell, error)
  }
}

/** What the terminal prints when the shell itself failed: the machine and the shell are unchanged. */
function failed(machine: Machine, shell: ShellState, error: unknown): ShellResult {
  const message = error instanceof Error ? error.message : String(error)
  return {
    output: '',
    exitCode: 1,
    steps: [],
    machine,
    state: shell,
    notices: [{ line: 0, message: { key: 'shell.internalError', params: { message } } }],
  }
}

/**
 * A command's answer: the machine's output as it printed it, with the simulator's notices, in the
 * reader's language, each after the lines of output that came before it.
 */
function Output({ output, notices }: { output: string; notices?: readonly ShellNotice[] }) {
  const text = useMessageText()
  if (notices === undefined || notices.length === 0) return output
  const lines = output.match(/[^\n]*\n|[^\n]+$/g) ?? []
  const parts: string[] = []
  let next = 0
  const flush = (upTo: number) => {
    if (upTo > next) parts.push(lines.slice(next, upTo).join(''))
    next = Math.max(next, upTo)
  }
  for (const notice of notices) {
    flush(Math.min(notice.line, lines.length))
    parts.push(`${text(notice.message)}\n`)
  }
  flush(lines.length)
  return parts.join('')
}

/** The prompt; a machine too broken to name its host still gets one. */
function safePrompt(machine: Machine, shell: ShellState): string {
  try {
    return promptOf(machine, shell)
  } catch {
    return '$ '
  }
}

function Terminal({
  machine,
  inputRef,
  line,
  setLine,
  caret,
}: {
  machine: Machine
  inputRef: RefObject<HTMLInputElement | null>
  line: string
  setLine: (line: string) => void
  caret: RefObject<number | null>
}) {
  const t = useT()
  const store = usePlayerStore()
  const shell = usePlayer((s) => s.shell)
  const transcript = usePlayer((s) => s.transcript)
  const logRef = useRef<HTMLDivElement>(null)
  // Up and Down walk the history: the index shown (null: the line being typed) and that line.
  const [recall, setRecall] = useState<{ index: number; draft: string } | null>(null)
  const [added, setAdded] = useState<{ count: number; from: number } | null>(null)
  // A command the engine worker is still computing: the next waits, as in a terminal.
  const [running, setRunning] = useState(false)
  const state = shell ?? initialShell()
  const prompt = safePrompt(machine, state)
  const act = useAct()
  const text = useMessageText()
  // With the machine off, no shell answers: the terminal says so and offers to power it on.
  const down = machine.power === 'on' ? null : shellDown(machine)

  // The newest output in view, as a terminal scrolls.
  useLayoutEffect(() => {
    const log = logRef.current
    if (log) log.scrollTop = log.scrollHeight
  }, [transcript])
  // The caret where the last edit left it (a completion, a recalled line).
  useLayoutEffect(() => {
    const input = inputRef.current
    if (input && caret.current !== null && document.activeElement === input) {
      input.setSelectionRange(caret.current, caret.current)
      caret.current = null
    }
  })

  const edit = (next: string) => {
    caret.current = next.length
    setLine(next)
  }

  /** Runs `typed` on the machine at the cursor when it starts; resolves when its output is in. */
  const execute = (typed: string): Promise<void> | undefined => {
    const { timeline, cursor } = store.getState()
    const at = timeline[cursor]?.machine
    if (!at) return undefined
    const before = store.getState().shell ?? initialShell()
    const shownPrompt = safePrompt(at, before)
    const finish = (result: ShellResult) => {
      const { actions, timeline: now, cursor: from, first } = store.getState()
      // Steps apply to the machine they were computed on: not if the person moved meanwhile.
      if (result.steps.length > 0 && now[from]?.machine === at) {
        // The next command runs on the machine this one left: the last of its steps.
        actions.act(shellAction(typed, before), () => result.steps, 'last')
        // the first step added, numbered as the counter numbers it
        const after = store.getState()
        const number = stepNumber(after.timeline, first, after.opened, from + 1)
        setAdded({ count: result.steps.length, from: number })
      } else setAdded(null)
      if (result.clear) actions.clearTranscript()
      actions.ranCommand(
        result.clear
          ? null
          : {
              prompt: shownPrompt,
              line: typed,
              output: result.output,
              ...(result.notices ? { notices: result.notices } : {}),
            },
        result.state,
      )
    }
    const client = engineClient()
    if (client.sync) {
      finish(safeRun(client.sync, at, before, typed))
      return undefined
    }
    return client
      .shell(at, before, typed)
      .catch((error: unknown) => failed(at, before, error))
      .then(finish)
  }

  // Lines typed while a command computes wait their turn, as a terminal's type-ahead does.
  const queue = useRef<Promise<void>>(Promise.resolve())
  const waiting = useRef(0)
  const submit = () => {
    const typed = line
    setRecall(null)
    setLine('')
    if (waiting.current === 0 && engineClient().sync) {
      execute(typed)
      return
    }
    waiting.current++
    setRunning(true)
    queue.current = queue.current
      .then(() => execute(typed))
      // a failure shows in the transcript (see `failed`); the queue itself never stops
      .catch(() => undefined)
      .finally(() => {
        waiting.current--
        if (waiting.current === 0) setRunning(false)
      })
  }

  const interrupt = () => {
    store.getState().actions.ranCommand({ prompt, line: `${line}^C`, output: '' }, state)
    setRecall(null)
    setLine('')
  }

  const walkHistory = (by: -1 | 1) => {
    const history = state.history
    const index = (recall?.index ?? history.length) + by
    if (index < 0 || index > history.length) return
    if (index === history.length) {
      edit(recall?.draft ?? '')
      setRecall(null)
      return
    }
    setRecall({ index, draft: recall?.draft ?? line })
    edit(history[index] ?? '')
  }

  const completeAtCaret = (input: HTMLInputElement) => {
    const at = input.selectionStart ?? line.length
    const { replaceFrom, candidates } = complete(machine, state, line, at)
    if (candidates.length === 0) return
    const typed = line.slice(replaceFrom, at)
    const prefix = candidates.length === 1 ? (candidates[0] ?? '') : commonPrefix(candidates)
    const insert = prefix.length >= typed.length ? prefix : typed
    const next = line.slice(0, replaceFrom) + insert + line.slice(at)
    caret.current = replaceFrom + insert.length
    setLine(next)
    if (candidates.length > 1) {
      store
        .getState()
        .actions.ranCommand(
          { prompt, line, output: `${candidates.map(shown).join('  ')}\n` },
          state,
        )
    }
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const input = event.currentTarget
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey
    if (event.key === 'Enter' && plain && !event.nativeEvent.isComposing) {
      event.preventDefault()
      submit()
    } else if (event.key === 'ArrowUp' && plain) {
      event.preventDefault()
      walkHistory(-1)
    } else if (event.key === 'ArrowDown' && plain) {
      event.preventDefault()
      walkHistory(1)
    } else if (event.key === 'Tab' && plain && !event.shiftKey && line.trim() !== '') {
      // On an empty line Tab moves on, so the keyboard is never trapped here.
      event.preventDefault()
      completeAtCaret(input)
    } else if (event.key === 'Escape') {
      // Hands the keys back to the player.
      event.preventDefault()
      logRef.current?.focus()
    } else if (
      event.ctrlKey &&
      !event.metaKey &&
      !event.altKey &&
      event.key.toLowerCase() === 'c'
    ) {
      // With text selected, Ctrl-C copies, as in a terminal window.
      if (input.selectionStart !== input.selectionEnd) return
      const selected = window.getSelection()?.toString() ?? ''
      if (selected !== '') return
      event.preventDefault()
      interrupt()
    } else if (
      event.ctrlKey &&
      !event.metaKey &&
      !event.altKey &&
      event.key.toLowerCase() === 'l'
    ) {
      event.preventDefault()
      store.getState().actions.clearTranscript()
    }
  }

  // A click in the screen types there, unless it selected text to copy.
  const onScreenClick = (event: MouseEvent<HTMLDivElement>) => {
    if (event.target instanceof Element && event.target.closest('input, button, a')) return
    if ((window.getSelection()?.toString() ?? '') !== '') return
    inputRef.current?.focus()
  }

  return (
    <>
      <p className="hint">{t('terminal.hint')}</p>
      <div className="terminal" onClick={onScreenClick}>
        <div
          ref={logRef}
          className="terminal-log"
          role="log"
          aria-label={t('terminal.output')}
          aria-busy={running}
          tabIndex={0}
        >
          {transcript.map((entry: TranscriptEntry) => (
            <div key={entry.id} className="terminal-entry">
              <span className="terminal-prompt">{entry.prompt}</span>
              <span className="terminal-line">{entry.line}</span>
              {'\n'}
              <Output
                output={entry.output}
                {...(entry.notices ? { notices: entry.notices } : {})}
              />
            </div>
          ))}
        </div>
        {down ? (
          <div className="terminal-off" role="status">
            <p>{text(down)}</p>
            {canBoot(machine) && (
              <button type="button" onClick={() => act({ type: 'boot' })}>
                {t('power.powerOn')}
              </button>
            )}
          </div>
        ) : (
          <div className="terminal-input-row">
            <span className="terminal-prompt">{prompt}</span>
            <input
              ref={inputRef}
              className="terminal-input"
              type="text"
              aria-label={t('terminal.input')}
              value={line}
              onChange={(event) => {
                setLine(event.target.value)
                setRecall(null)
              }}
              onKeyDown={onKeyDown}
              autoComplete="off"
              autoCapitalize="off"
              autoCorrect="off"
              spellCheck={false}
              enterKeyHint="send"
            />
          </div>
        )}
      </div>
      {added && (
        <p className="hint terminal-added">
          {t('terminal.added', { count: added.count, from: added.from })}
        </p>
      )}
    </>
  )
}
