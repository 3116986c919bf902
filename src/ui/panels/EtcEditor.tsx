import { useEffect, useId, useRef, useState } from 'react'
import { lookupPath } from '../../engine/fs'
import { deployPath } from '../../engine/sysroot'
import type { Inode, Machine } from '../../engine/types'
import type { MessageKey } from '../../i18n'
import { checkEdit, textOf, type EditForm, type EditKind } from '../layout/etcMerge'
import { useAct } from '../store/useAct'
import { useT } from '../useT'

/** True while the system is up: /etc is the booted deployment's, and a person can edit it. */
export function isRunning(machine: Machine): boolean {
  return (
    machine.power === 'on' &&
    machine.runtime?.phase === 'running' &&
    machine.runtime.booted !== null
  )
}

/** A request to edit one path, from the table; `n` tells two requests for the same path apart. */
export interface EditRequest {
  path: string
  n: number
}

interface Problem {
  error: MessageKey
  params?: Record<string, string | number>
  field: keyof EditForm
}

const BLANK: EditForm = { path: '/etc/', content: '', mode: '', target: '' }

/** The booted /etc, by path relative to it. */
function etcLookup(machine: Machine): (rel: string) => Inode | null {
  const booted = machine.runtime?.booted
  const root = machine.filesystems.root
  return (rel) => (booted && root ? lookupPath(root, `${deployPath(booted)}/etc/${rel}`) : null)
}

/** The form for a path as it is now: its text, its mode, or its symlink target. */
function formFor(machine: Machine, path: string): EditForm {
  const inode = etcLookup(machine)(path)
  return {
    path: `/etc/${path}`,
    content: inode?.kind === 'file' ? (textOf(inode) ?? '') : '',
    mode: inode && inode.kind !== 'symlink' ? inode.mode.toString(8).padStart(3, '0') : '',
    target: inode?.kind === 'symlink' ? inode.target : '',
  }
}

const ACTIONS: readonly { kind: EditKind; label: MessageKey }[] = [
  { kind: 'write', label: 'etcEditor.write' },
  { kind: 'chmod', label: 'etcEditor.chmod' },
  { kind: 'mkdir', label: 'etcEditor.mkdir' },
  { kind: 'symlink', label: 'etcEditor.symlink' },
  { kind: 'delete', label: 'etcEditor.delete' },
]

/**
 * Edits the booted system's /etc without the terminal: write a file, delete, chmod, make a
 * directory or a symlink. Each edit is checked here (a clear refusal rather than a failed step),
 * then runs as an `editEtc` action: a step of the timeline, forking the future if the cursor is in
 * the past.
 */
export function EtcEditor({ machine, request }: { machine: Machine; request: EditRequest | null }) {
  const t = useT()
  const act = useAct()
  const [open, setOpen] = useState(false)
  const [form, setForm] = useState<EditForm>(BLANK)
  const [problem, setProblem] = useState<Problem | null>(null)
  const [handled, setHandled] = useState(0)
  const pathRef = useRef<HTMLInputElement>(null)
  const fields = {
    path: pathRef,
    content: useRef<HTMLTextAreaElement>(null),
    mode: useRef<HTMLInputElement>(null),
    target: useRef<HTMLInputElement>(null),
  }
  const ids = {
    panel: useId(),
    path: useId(),
    pathHint: useId(),
    content: useId(),
    mode: useId(),
    modeHint: useId(),
    target: useId(),
    error: useId(),
  }
  if (request !== null && request.n !== handled) {
    // A path picked in the table: the form follows it (state adjusted while rendering).
    setHandled(request.n)
    setOpen(true)
    setForm(formFor(machine, request.path))
    setProblem(null)
  }
  useEffect(() => {
    if (handled > 0) pathRef.current?.focus()
  }, [handled])

  const set = (field: keyof EditForm) => (value: string) =>
    setForm((f) => ({ ...f, [field]: value }))
  const run = (kind: EditKind) => {
    const check = checkEdit(kind, form, etcLookup(machine))
    if (!check.ok) {
      setProblem(
        check.params
          ? { error: check.error, params: check.params, field: check.field }
          : { error: check.error, field: check.field },
      )
      fields[check.field].current?.focus()
      return
    }
    setProblem(null)
    act({ type: 'editEtc', edit: check.edit })
  }
  const invalid = (field: keyof EditForm) => problem?.field === field
  const described = (field: keyof EditForm, hint?: string) =>
    [hint, invalid(field) ? ids.error : undefined].filter(Boolean).join(' ') || undefined

  return (
    <div className="etc-editor">
      <button
        type="button"
        className="etc-editor-toggle"
        aria-expanded={open}
        aria-controls={ids.panel}
        onClick={() => setOpen(!open)}
      >
        {t('etcEditor.toggle')}
      </button>
      <div id={ids.panel} className="etc-editor-form" hidden={!open}>
        <p className="hint">{t('etcEditor.intro')}</p>
        <label htmlFor={ids.path}>{t('etcEditor.path')}</label>
        <input
          id={ids.path}
          ref={pathRef}
          className="mono"
          value={form.path}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          aria-invalid={invalid('path')}
          aria-describedby={described('path', ids.pathHint)}
          onChange={(event) => set('path')(event.currentTarget.value)}
        />
        <p id={ids.pathHint} className="hint">
          {t('etcEditor.pathHint')}
        </p>
        <label htmlFor={ids.content}>{t('etcEditor.content')}</label>
        <textarea
          id={ids.content}
          ref={fields.content}
          className="mono"
          rows={6}
          value={form.content}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          aria-invalid={invalid('content')}
          aria-describedby={described('content')}
          onChange={(event) => set('content')(event.currentTarget.value)}
        />
        <div className="etc-editor-row">
          <div>
            <label htmlFor={ids.mode}>{t('etcEditor.mode')}</label>
            <input
              id={ids.mode}
              ref={fields.mode}
              className="mono"
              inputMode="numeric"
              size={6}
              value={form.mode}
              aria-invalid={invalid('mode')}
              aria-describedby={described('mode', ids.modeHint)}
              onChange={(event) => set('mode')(event.currentTarget.value)}
            />
            <p id={ids.modeHint} className="hint">
              {t('etcEditor.modeHint')}
            </p>
          </div>
          <div>
            <label htmlFor={ids.target}>{t('etcEditor.target')}</label>
            <input
              id={ids.target}
              ref={fields.target}
              className="mono"
              value={form.target}
              spellCheck={false}
              autoCapitalize="off"
              autoComplete="off"
              aria-invalid={invalid('target')}
              aria-describedby={described('target')}
              onChange={(event) => set('target')(event.currentTarget.value)}
            />
          </div>
        </div>
        {problem !== null && (
          <p id={ids.error} className="etc-editor-error" role="alert">
            {t(problem.error, problem.params)}
          </p>
        )}
        <div className="etc-editor-actions" role="group" aria-label={t('etcEditor.actions')}>
          {ACTIONS.map(({ kind, label }) => (
            <button
              key={kind}
              type="button"
              className={kind === 'write' ? 'primary' : undefined}
              onClick={() => run(kind)}
            >
              {t(label)}
            </button>
          ))}
        </div>
      </div>
    </div>
  )
}
