import type { MessageKey } from '../../i18n'
import type { NoticeAction, PlayerStore } from '../store/playerStore'
import { openSaved, startAfresh } from '../store/tours'
import { usePlayer, usePlayerStore } from '../store/usePlayer'
import { useMessageText, useT } from '../useT'

/** Each button a notice may offer: its label, and what it does. */
const ACTIONS: Readonly<
  Record<NoticeAction, { label: MessageKey; run: (store: PlayerStore) => Promise<void> }>
> = {
  openSaved: { label: 'notice.openSaved', run: openSaved },
  startAfresh: { label: 'notice.startAfresh', run: startAfresh },
}

/**
 * What went wrong with the link (or a language that failed to load), or what the page did on its
 * own (a saved sandbox restored), until dismissed; a notice may offer one thing to do about it.
 */
export function Notices() {
  const t = useT()
  const text = useMessageText()
  const store = usePlayerStore()
  const notices = usePlayer((s) => s.notices)
  const { dismiss } = usePlayer((s) => s.actions)
  return (
    <div className="notices" role="status">
      {notices.map((notice) => {
        const action = notice.action === undefined ? undefined : ACTIONS[notice.action]
        return (
          <div className="notice" key={notice.id}>
            <p>{text(notice.message)}</p>
            <div className="notice-buttons">
              {action && (
                <button
                  type="button"
                  onClick={() => {
                    dismiss(notice.id)
                    void action.run(store)
                  }}
                >
                  {t(action.label)}
                </button>
              )}
              <button type="button" onClick={() => dismiss(notice.id)}>
                {t('notice.dismiss')}
              </button>
            </div>
          </div>
        )
      })}
    </div>
  )
}
