import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ConfirmDialog } from '../../components/ConfirmDialog';

interface DisconnectCardProps {
  /** The connection's name, as the confirmation asks about it. */
  name: string;
  /** What the connection reads (an Okta domain, a GitHub organization): its syncs stop. */
  target: string;
  /** What the connection leaves behind, e.g. "Its snapshots, test results and evidence stay." */
  kept: string;
  /** Deletes the connection (its API's DELETE). */
  disconnect: () => Promise<unknown>;
  /** The query whose lists still hold the connection: refreshed before going back to the integrations list. */
  listQueryKey: readonly string[];
}

/** An integration page's Disconnect card: asks first, deletes, then returns to the integrations list. */
export function DisconnectCard({ name, target, kept, disconnect, listQueryKey }: DisconnectCardProps) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: disconnect,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: listQueryKey });
      await navigate('/integrations');
    },
  });
  return (
    <div className="card">
      <h2>Disconnect</h2>
      <p>Removes the connection and its stored credential. {kept}</p>
      <button type="button" className="danger" onClick={() => setConfirming(true)}>
        Disconnect…
      </button>
      {confirming ? (
        <ConfirmDialog title={`Disconnect ${name}?`} confirmLabel="Disconnect" errorTitle="Not disconnected" action={remove} onClose={() => setConfirming(false)}>
          <p>Syncs of {target} stop and the credential is deleted. The evidence already collected stays.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
