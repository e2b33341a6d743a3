interface ConnectDialogActionsProps {
  /** The Test connection mutation (a TanStack `useMutation` result is one). */
  test: { mutate: () => void; isPending: boolean };
  /** The draft is complete enough to test. */
  canTest: boolean;
  /** The draft is complete and the last test, if any, found it can read what a sync needs. */
  canSave: boolean;
  saving: boolean;
  onCancel: () => void;
}

/** The foot of a Connect dialog: "Testing…" while a test runs, then Test connection, Save (the form's submit), Cancel. */
export function ConnectDialogActions({ test, canTest, canSave, saving, onCancel }: ConnectDialogActionsProps) {
  return (
    <>
      {test.isPending ? <p role="status">Testing the connection…</p> : null}
      <div className="actions">
        <button type="button" onClick={() => test.mutate()} disabled={!canTest || test.isPending}>
          Test connection
        </button>
        <button type="submit" className="primary" disabled={!canSave || saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}
