import { Component, Fragment, type ReactNode } from "react";
import { PanelError } from "./error-boundary.tsx";

type PanelBoundaryProps = {
  /** What the panel shows, for the message "We couldn't show {what}." */
  what: string;
  children: ReactNode;
};

type PanelBoundaryState = { failed: boolean; attempt: number };

/**
 * Keeps a crash inside one panel of a page — a chart whose code failed to
 * load, a card given data it cannot draw, a live status that threw — instead
 * of blanking the page: the panel says it could not be shown and offers
 * "Try again", which renders it afresh (its children are mounted anew).
 * The rest of the page stays as it was. Route-level failures (a loader that
 * throws) are GeneralErrorBoundary's.
 *
 * Error boundaries must be class components; React logs the caught error
 * (console.error) itself.
 */
export class PanelBoundary extends Component<PanelBoundaryProps, PanelBoundaryState> {
  override state: PanelBoundaryState = { failed: false, attempt: 0 };

  static getDerivedStateFromError(): Partial<PanelBoundaryState> {
    return { failed: true };
  }

  retry = () => {
    this.setState((state) => ({ failed: false, attempt: state.attempt + 1 }));
  };

  override render() {
    if (this.state.failed) {
      return (
        <div className="space-y-2" data-testid="panel-error">
          <PanelError what={this.props.what} />
          <button type="button" className="btn-secondary" onClick={this.retry}>
            Try again
          </button>
        </div>
      );
    }
    // A new key per attempt: "Try again" remounts the panel rather than re-rendering a broken tree.
    return <Fragment key={this.state.attempt}>{this.props.children}</Fragment>;
  }
}
