import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { useApi } from '../api/ApiContext';
import { unwrap, type Schemas } from '../api/client';
import { useSession } from './session';

export type Org = Schemas['Org'];

interface OrgState {
  /** The org the data pages show (an Okta domain), undefined until one has been synced. */
  org: string | undefined;
  orgs: Org[];
  current: Org | undefined;
  setOrg: (org: string) => void;
  loading: boolean;
}

const OrgContext = createContext<OrgState | undefined>(undefined);
const STORAGE_KEY = 'okta-evidence.org';

/** The synced orgs (GET /api/orgs) and the one chosen in the header; the choice survives a reload. */
export function OrgProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const { user } = useSession();
  // Only once signed in: an anonymous request would only be refused.
  const query = useQuery({ queryKey: ['orgs'], queryFn: async () => unwrap(await api.GET('/api/orgs')).items, refetchInterval: 30_000, enabled: user !== null && user !== undefined });
  const [chosen, setChosen] = useState<string | null>(() => readStoredOrg());
  const orgs = query.data ?? [];
  const current = orgs.find((candidate) => candidate.org === chosen) ?? orgs[0];
  const state: OrgState = {
    org: current?.org,
    orgs,
    current,
    loading: query.isPending,
    setOrg(org) {
      setChosen(org);
      try {
        localStorage.setItem(STORAGE_KEY, org);
      } catch {
        // Storage may be unavailable (private mode): the choice then lasts for this page only.
      }
    },
  };
  return <OrgContext value={state}>{children}</OrgContext>;
}

function readStoredOrg(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** The org the data pages show; see OrgProvider. */
export function useOrg(): OrgState {
  const state = useContext(OrgContext);
  if (state === undefined) throw new Error('useOrg outside <OrgProvider>');
  return state;
}

/** True when the org's current data came from the built-in simulator (never a real org). */
export function isSimulated(org: Org | undefined): boolean {
  return org?.lastSync?.orgIdentity?.simulated === true;
}
