import { Component, Fragment, type ReactNode } from "react";
import { PanelError } from "./error-boundary.tsx";

type PanelBoundaryProps = {
  /** What the panel shows, for the message "We couldn't show {what}." */
  what: string;
  children: ReactNode;
};

type PanelBoundaryState = { failed: boolean; attempt: number; reload?: boolean };

/**
 * Keeps a crash inside one panel of a page — a chart whose code failed to
 * load, a card given data it cannot draw, a live status that threw — instead
 * of blanking the page: the panel says it could not be shown and offers
 * "Try again", which renders it afresh (its children are mounted anew).
 * The rest of the page stays as it was. Route-level failures (a loader that
 * throws) are GeneralErrorBoundary's.
 *
 * A panel whose code failed to download is the exception: the browser
 * remembers a failed module for the life of the page (and after a deploy the
 * file may be gone), so only a reload can fetch it again.
 *
 * Error boundaries must be class components; React logs the caught error
 * (console.error) itself.
 */
export class PanelBoundary extends Component<PanelBoundaryProps, PanelBoundaryState> {
  override state: PanelBoundaryState = { failed: false, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<PanelBoundaryState> {
    const failedDownload =
      error instanceof TypeError && /dynamically imported module|importing a module script failed/i.test(error.message);
    return { failed: true, reload: failedDownload };
  }

  retry = () => {
    if (this.state.reload) window.location.reload();
    else this.setState((state) => ({ failed: false, attempt: state.attempt + 1 }));
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
