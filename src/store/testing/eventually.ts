/**
 * Polls `condition` every `everyMs` (10) until it holds; fails after 5 s. `attempt`, when given, runs before each look:
 * for what must be sent again until it is heard (a listening connection may still be opening).
 */
export async function eventually(condition: () => boolean | Promise<boolean>, options: { attempt?: () => unknown; everyMs?: number } = {}): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('the condition did not hold within 5 s');
    await options.attempt?.();
    await new Promise((resolve) => setTimeout(resolve, options.everyMs ?? 10));
  }
}
