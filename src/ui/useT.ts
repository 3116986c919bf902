/** Translation in components: every visible string goes through `t()`. */
import { useCallback } from 'react'
import type { Message } from '../engine/types'
import { translate, type MessageKey, type Params } from '../i18n'
import { usePlayer } from './store/usePlayer'

export type T = (key: MessageKey, params?: Params) => string

export function useT(): T {
  const locale = usePlayer((s) => s.locale)
  return useCallback((key: MessageKey, params?: Params) => translate(locale, key, params), [locale])
}

/** Text for a `Message` that came as data: an engine caption or a notice. */
export function useMessageText(): (message: Message) => string {
  const locale = usePlayer((s) => s.locale)
  return useCallback((message: Message) => translate(locale, message.key, message.params), [locale])
}
