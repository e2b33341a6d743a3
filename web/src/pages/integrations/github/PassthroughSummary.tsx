import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../../api/ApiContext';
import { unwrap } from '../../../api/client';
import { ProblemMessage } from '../../../components/Problem';
import { formatTime } from '../connection-state';

/** The newest evaluation at a glance: when, the counts, the links every member shares, and why it may not be whole. */
export function PassthroughSummary({ serviceId }: { serviceId: string }) {
  const api = useApi();
  const latest = useQuery({
    queryKey: ['passthrough', serviceId, 'summary'],
    queryFn: async () => {
      const page = await api.GET('/api/services/{service}/passthrough', { params: { path: { service: serviceId }, query: { limit: 1 } } });
      return page.response.status === 404 ? null : unwrap(page).evaluation;
    },
  });
  const evaluation = latest.data;
  return (
    <div className="card">
      <h2>MFA passthrough</h2>
      {latest.error !== null ? <ProblemMessage error={latest.error} /> : null}
      {evaluation === null ? <p>Not evaluated yet: the organization is evaluated after each sync (the Okta org must have synced too).</p> : null}
      {evaluation !== undefined && evaluation !== null ? (
        <>
          <p>
            Evaluated {formatTime(evaluation.evaluatedAt)} over the read of {formatTime(evaluation.readAt)}: {evaluation.counts.pass ?? 0} pass ({evaluation.counts.passByPassthrough ?? 0} by passthrough,{' '}
            {evaluation.counts.passByOwnMfa ?? 0} by their own 2FA), {evaluation.counts.fail ?? 0} fail.
          </p>
          <ul>
            {evaluation.serviceChain.map((link) => (
              <li key={link.link}>
                <span className={`state ${link.state === 'proven' ? 'state-ok' : link.state === 'broken' ? 'state-bad' : 'state-warn'}`}>{link.state}</span> {link.link}: {link.detail}
              </li>
            ))}
          </ul>
          {evaluation.gaps.length > 0 ? <p className="field-error">Incomplete: {evaluation.gaps.join('; ')}</p> : null}
          {evaluation.bypassCredentials.length > 0 ? <p>{evaluation.bypassCredentials.length} SAML-authorized credentials reach GitHub without a fresh Okta sign-in.</p> : null}
        </>
      ) : null}
    </div>
  );
}
