import type { ReactNode } from 'react';
import { Dialog } from './Dialog';
import { ProblemMessage } from './Problem';

interface ConfirmDialogProps {
  /** The question, e.g. "Delete #alerts?": it also names the dialog for screen readers. */
  title: string;
  /** The consequence the user confirms, shown above the buttons. */
  children: ReactNode;
  /** The danger button's label, e.g. "Delete". */
  confirmLabel: string;
  /** The confirmed action (a TanStack `useMutation` result is one): run, disabled while it runs, its failure shown. */
  action: { mutate: () => void; isPending: boolean; error: Error | null };
  onClose: () => void;
  /** The failure's heading, e.g. "Not deleted". */
  errorTitle: string;
}

/** A modal that asks before a destructive action: what will happen, then the danger button and Cancel. */
export function ConfirmDialog({ title, children, confirmLabel, action, onClose, errorTitle }: ConfirmDialogProps) {
  return (
    <Dialog title={title} onClose={onClose}>
      {children}
      {action.error !== null ? <ProblemMessage error={action.error} title={errorTitle} /> : null}
      <div className="actions">
        <button type="button" className="danger" onClick={() => action.mutate()} disabled={action.isPending}>
          {confirmLabel}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
