import { useEffect, useId, useRef, useState } from 'react'
import { selectQuestion } from '../store/selectors'
import { usePlayer } from '../store/usePlayer'
import { useStepNumber } from '../store/useStepNumber'
import { useMessageText, useT } from '../useT'

/**
 * "Predict, then reveal": the step's question under its caption, each choice a button. Picking
 * one says whether it was right, what the engine did (with the real versions), and where to see
 * it happen. It is optional: the reader can step on without answering, playback does not stop
 * for it, and an embed never shows it. On a phone it folds into one line, which opens it, so the
 * stage keeps its room.
 */
export function Prediction() {
  const t = useT()
  const text = useMessageText()
  const embed = usePlayer((s) => s.embed)
  const question = usePlayer(selectQuestion)
  const cursor = usePlayer((s) => s.cursor)
  const picked = usePlayer((s) => s.answers[s.cursor])
  // counted as the player counts them: a closed fold's steps are not steps to press through
  const stepNumber = useStepNumber()
  const { answer } = usePlayer((s) => s.actions)
  const questionId = useId()
  const bodyId = useId()
  // Opened on a phone for this step; another step folds it again.
  const [openAt, setOpenAt] = useState<number | null>(null)
  const open = openAt === cursor
  const reveal = useRef<HTMLParagraphElement>(null)
  // The pressed button goes away with the choices: focus follows the answer, not the page's top.
  const moveFocus = useRef(false)
  useEffect(() => {
    if (picked === undefined || !moveFocus.current) return
    moveFocus.current = false
    reveal.current?.focus()
  }, [picked])

  if (embed || !question) return null
  const pick = (choice: number) => {
    moveFocus.current = true
    answer(cursor, choice)
  }
  const chosen = picked === undefined ? undefined : question.choices[picked]
  const right = picked === question.answer
  return (
    <div
      className="predict"
      role="group"
      aria-labelledby={questionId}
      data-open={open ? '' : undefined}
    >
      <button
        type="button"
        className="predict-toggle"
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={() => setOpenAt(open ? null : cursor)}
      >
        <span className="predict-label">{t('predict.label')}</span>{' '}
        {t(chosen === undefined ? 'predict.open' : 'predict.openAnswered')}
      </button>
      <div id={bodyId} className="predict-body">
        <p id={questionId} className="predict-question">
          <span className="predict-label">{t('predict.label')}</span> {text(question.question)}
        </p>
        {chosen === undefined ? (
          <div className="predict-choices">
            {question.choices.map((choice, i) => (
              <button key={choice.key} type="button" onClick={() => pick(i)}>
                {text(choice)}
              </button>
            ))}
          </div>
        ) : null}
        <p
          ref={reveal}
          className="predict-reveal"
          tabIndex={-1}
          aria-live="polite"
          data-verdict={chosen === undefined ? undefined : right ? 'right' : 'wrong'}
        >
          {chosen !== undefined && (
            <>
              <strong className="predict-verdict">
                <span aria-hidden="true">{right ? '✓ ' : '✗ '}</span>
                {t(right ? 'predict.right' : 'predict.wrong', { choice: text(chosen) })}
              </strong>{' '}
              {text(question.outcome)}{' '}
              {question.shownAt === undefined
                ? t('predict.tryIt')
                : t('predict.seeIt', {
                    count: stepNumber(question.shownAt) - stepNumber(cursor),
                  })}
            </>
          )}
        </p>
      </div>
    </div>
  )
}
