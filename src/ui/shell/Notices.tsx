import { usePlayer } from '../store/usePlayer'
import { useMessageText, useT } from '../useT'

/** What went wrong with the link (or a language that failed to load), until dismissed. */
export function Notices() {
  const t = useT()
  const text = useMessageText()
  const notices = usePlayer((s) => s.notices)
  const { dismiss } = usePlayer((s) => s.actions)
  return (
    <div className="notices" role="status">
      {notices.map((notice) => (
        <div className="notice" key={notice.id}>
          <p>{text(notice.message)}</p>
          <button type="button" onClick={() => dismiss(notice.id)}>
            {t('notice.dismiss')}
          </button>
        </div>
      ))}
    </div>
  )
}
