import okta from '@okta/okta-sdk-nodejs';

/**
 * What a user would write instead of installing okta-evidence: a plain script on Okta's official Node SDK
 * (`@okta/okta-sdk-nodejs`, a dev dependency of the bench only, never imported by product code). It reads users and
 * their factors, groups and their members, apps and their users, policies and their rules, and the last 7 days of
 * System Log, 10 requests at a time, with the SDK's own 429 handling (wait Reset − Date + 1 s, 2 retries) and no
 * pacing. Page sizes are each endpoint's largest, as a careful author would set them; the script stores nothing.
 */

const CONCURRENCY = 10;
const POLICY_TYPES = ['PASSWORD', 'MFA_ENROLL', 'OKTA_SIGN_ON', 'ACCESS_POLICY'] as const;
const LOG_DAYS = 7;

export interface SdkScriptResult {
  users: number;
  factors: number;
  groups: number;
  members: number;
  apps: number;
  appUsers: number;
  policies: number;
  rules: number;
  logEvents: number;
}

type Task = () => Promise<void>;

/** Tasks (which may add more) run at most `limit` at once; each task makes one request at a time. */
class TaskPool {
  private readonly queue: Task[] = [];
  private running = 0;
  private failure: Error | undefined;
  private finished: (() => void) | undefined;

  constructor(private readonly limit: number) {}

  add(task: Task): void {
    this.queue.push(task);
    this.next();
  }

  /** Resolves when every task has run; rejects with the first failure. */
  async done(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.finished = resolve;
      this.next();
    });
    if (this.failure !== undefined) throw this.failure;
  }

  private next(): void {
    if (this.failure !== undefined || (this.queue.length === 0 && this.running === 0)) {
      this.finished?.();
      return;
    }
    while (this.running < this.limit && this.queue.length > 0) {
      const task = this.queue.shift()!;
      this.running++;
      task()
        .catch((error: unknown) => (this.failure ??= error instanceof Error ? error : new Error(JSON.stringify(error))))
        .finally(() => {
          this.running--;
          this.next();
        });
    }
  }
}

async function count<T>(collection: Promise<AsyncIterable<T>>, each: (item: T) => void = () => undefined): Promise<number> {
  let n = 0;
  for await (const item of await collection) {
    each(item);
    n++;
  }
  return n;
}

/** Reads the org at `orgUrl` with `token`; resolves with how many of each it read. */
export async function runSdkScript(orgUrl: string, token: string, now = new Date()): Promise<SdkScriptResult> {
  const client = new okta.Client({ orgUrl, token });
  const result: SdkScriptResult = { users: 0, factors: 0, groups: 0, members: 0, apps: 0, appUsers: 0, policies: 0, rules: 0, logEvents: 0 };
  const since = new Date(now.getTime() - LOG_DAYS * 86_400_000).toISOString();
  const pool = new TaskPool(CONCURRENCY);
  const enqueue = (task: Task): void => pool.add(task);
  // Counted after the await: `result.x += await …` would read result.x before the request and lose updates.
  const add = (key: keyof SdkScriptResult, n: number): void => {
    result[key] += n;
  };
  const first: Task[] = [
    async () => {
      add('users', await count(client.userApi.listUsers({ limit: 200 }), (user) => {
        const userId = user?.id;
        if (userId === undefined) return;
        enqueue(async () => add('factors', await count(client.userFactorApi.listFactors({ userId }))));
      }));
    },
    async () => {
      add('groups', await count(client.groupApi.listGroups({ limit: 200 }), (group) => {
        const groupId = group?.id;
        if (groupId === undefined) return;
        enqueue(async () => add('members', await count(client.groupApi.listGroupUsers({ groupId, limit: 1000 }))));
      }));
    },
    async () => {
      add('apps', await count(client.applicationApi.listApplications({ limit: 200 }), (app) => {
        const appId = app?.id;
        if (appId === undefined) return;
        enqueue(async () => add('appUsers', await count(client.applicationApi.listApplicationUsers({ appId, limit: 500 }))));
      }));
    },
    ...POLICY_TYPES.map((type) => async () => {
      add('policies', await count(client.policyApi.listPolicies({ type }), (policy) => {
        const policyId = policy?.id;
        if (policyId === undefined) return;
        enqueue(async () => add('rules', await count(client.policyApi.listPolicyRules({ policyId }))));
      }));
    }),
    async () => {
      add('logEvents', await count(client.systemLogApi.listLogEvents({ since, until: now.toISOString(), limit: 1000 })));
    },
  ];
  for (const task of first) pool.add(task);
  await pool.done();
  return result;
}
