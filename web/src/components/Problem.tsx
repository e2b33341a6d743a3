import { ApiError } from '../api/client';

/** An error shown where the data would be: the API's own explanation when it gave one. */
export function ProblemMessage({ error, title = 'Could not load this' }: { error: unknown; title?: string }) {
  const detail = error instanceof ApiError ? error.problem.detail : error instanceof Error ? error.message : String(error);
  return (
    <div className="problem" role="alert">
      <strong>{title}.</strong> {detail}
    </div>
  );
}
