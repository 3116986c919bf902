import { Component, useId, type ReactNode } from 'react'
import { useT } from '../useT'

/** A panel: a `<section>` named by its heading, so it is a landmark with an accessible name. */
export function Panel({
  title,
  className,
  busy = false,
  children,
}: {
  title: string
  className?: string
  /** Its content is still loading. */
  busy?: boolean
  children: ReactNode
}) {
  const id = useId()
  return (
    <section
      className={className ? `panel ${className}` : 'panel'}
      aria-labelledby={id}
      aria-busy={busy || undefined}
    >
      <h2 id={id} className="panel-title">
        {title}
      </h2>
      <PanelBoundary>{children}</PanelBoundary>
    </section>
  )
}

interface BoundaryState {
  error: Error | null
}

/** One panel that fails to draw a step says so; the others and the player keep working. */
class PanelBoundary extends Component<{ children: ReactNode }, BoundaryState> {
  override state: BoundaryState = { error: null }

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  override componentDidUpdate(previous: { children: ReactNode }): void {
    // The next step may draw fine: try again when the content changes.
    if (this.state.error && previous.children !== this.props.children)
      this.setState({ error: null })
  }

  override render() {
    return this.state.error ? (
      <PanelError message={this.state.error.message} />
    ) : (
      this.props.children
    )
  }
}

function PanelError({ message }: { message: string }) {
  const t = useT()
  return (
    <p className="panel-error" role="alert">
      {t('status.panelError', { message })}
    </p>
  )
}
