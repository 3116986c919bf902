import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { grubMenu } from '../../engine/grub'
import type { Machine } from '../../engine/types'
import { useAct } from '../store/useAct'
import { engineClient } from '../worker/client'
import { useT } from '../useT'

export interface GrubEntry {
  title: string
}

/** GRUB's screen as the machine showed it at this step: the entries, the chosen one highlighted. */
export function GrubScreen({
  entries,
  selected,
}: {
  entries: readonly GrubEntry[]
  selected: number
}) {
  const t = useT()
  const id = useId()
  return (
    <figure className="grub" aria-labelledby={id}>
      <figcaption id={id} className="visually-hidden">
        {t('grub.atStep')}
      </figcaption>
      <p className="grub-title" aria-hidden="true">
        {t('grub.title')}
      </p>
      <ol className="grub-entries">
        {entries.map((entry, i) => (
          <li
            key={`${i}:${entry.title}`}
            className="grub-entry"
            aria-current={i === selected ? 'true' : undefined}
          >
            {entry.title}
            {i === selected && <span className="visually-hidden">{` (${t('grub.chosen')})`}</span>}
          </li>
        ))}
      </ol>
    </figure>
  )
}

/**
 * The menu GRUB will show at the next boot of a running machine: read from /boot as it will be
 * once the machine is down, so an update staged now (finalized at shutdown) is in it, as it is on a real machine. The
 * engine (in its worker) shuts a copy of the machine down to know.
 */
async function nextMenu(machine: Machine): Promise<GrubEntry[]> {
  const down = await engineClient().act(machine, { type: 'poweroff' })
  return grubMenu(down.at(-1)?.machine ?? machine)
}

/**
 * "Reboot and choose an entry": opens GRUB's menu as a listbox (↑ ↓ Home End, Enter boots, Esc
 * closes). Choosing entry N acts `reboot(machine, { entry: N })`, or `boot` when the machine is off.
 * On Fedora CoreOS the menu shows when Shift is held during boot (reference 5.1).
 */
export function GrubChooser({ machine }: { machine: Machine }) {
  const t = useT()
  const act = useAct()
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const button = useRef<HTMLButtonElement>(null)
  const list = useRef<HTMLUListElement>(null)
  const ids = { list: useId(), help: useId() }
  const off = machine.power === 'off'
  const [menu, setMenu] = useState<{ machine: Machine; entries: GrubEntry[] } | null>(null)
  useEffect(() => {
    if (!open || off) return
    let live = true
    void nextMenu(machine).then(
      (entries) => live && setMenu({ machine, entries }),
      // a machine too broken to shut down: the menu as /boot has it now
      () => live && setMenu({ machine, entries: grubMenu(machine) }),
    )
    return () => {
      live = false
    }
  }, [open, off, machine])
  // a machine already off has its next menu on /boot
  const down = open && off ? grubMenu(machine) : null
  const entries = down ?? (open && menu?.machine === machine ? menu.entries : [])
  const canOpen = off ? grubMenu(machine).length > 0 : machine.runtime !== null

  // Focus moves into the menu only because the person opened it.
  useEffect(() => {
    if (open) list.current?.focus()
  }, [open])

  if (!canOpen) return null
  const current = Math.min(active, Math.max(0, entries.length - 1))

  const close = () => {
    setOpen(false)
    button.current?.focus()
  }
  const choose = (entry: number) => {
    close()
    act(off ? { type: 'boot', entry } : { type: 'reboot', entry })
  }
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const last = entries.length - 1
    const moves: Record<string, number> = {
      ArrowUp: Math.max(0, current - 1),
      ArrowDown: Math.min(last, current + 1),
      Home: 0,
      End: last,
    }
    if (event.key in moves) setActive(moves[event.key] ?? 0)
    else if (event.key === 'Enter' || event.key === ' ') {
      if (entries.length > 0) choose(current)
    } else if (event.key === 'Escape') close()
    // GRUB has no use for ← and →, and the player must not step under an open menu.
    else if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return
    event.preventDefault()
    event.stopPropagation()
  }

  return (
    <div className="grub-chooser">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={open ? ids.list : undefined}
        onClick={() => {
          setActive(0)
          setOpen(!open)
        }}
      >
        {t(off ? 'grub.open.powerOn' : 'grub.open.reboot')}
      </button>
      {open && (
        <div className="grub" data-interactive="">
          <p className="grub-title" aria-hidden="true">
            {t('grub.title')}
          </p>
          <ul
            ref={list}
            id={ids.list}
            className="grub-entries"
            role="listbox"
            tabIndex={0}
            aria-label={t('grub.listbox')}
            aria-describedby={ids.help}
            aria-activedescendant={entries.length > 0 ? `${ids.list}-${current}` : undefined}
            onKeyDown={onKeyDown}
          >
            {entries.map((entry, i) => (
              <li
                key={`${i}:${entry.title}`}
                id={`${ids.list}-${i}`}
                role="option"
                className="grub-entry"
                aria-selected={i === current}
                onClick={() => choose(i)}
                onMouseMove={() => setActive(i)}
              >
                {entry.title}
                {i === 0 && <span className="grub-default">{` (${t('grub.default')})`}</span>}
              </li>
            ))}
          </ul>
          <p id={ids.help} className="grub-help">
            {t('grub.help')}
          </p>
          <button type="button" className="grub-cancel" onClick={close}>
            {t('grub.cancel')}
          </button>
        </div>
      )}
    </div>
  )
}
