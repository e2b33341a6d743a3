import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useNavigate } from 'react-router';
import { checkOktaDomain } from '../../../../src/okta/domain-name';
import { useApi } from '../../api/ApiContext';
import { ApiError, unwrap, type paths } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { ProblemMessage } from '../../components/Problem';
import { ConnectDialogActions } from './ConnectDialogActions';
import { Advice, TestReport } from './TestReport';
import { adviceFor } from './advice';

type Credential = paths['/api/connections/test']['post']['requestBody']['content']['application/json']['credential'];

/** What the Okta domain field says as the user types: the CLI's own messages (src/okta/domain-name.ts). */
export function domainMessage(domain: string): string | undefined {
  if (domain.trim() === '') return undefined;
  const checked = checkOktaDomain(domain, 'the Okta domain');
  return 'problem' in checked ? checked.problem : undefined;
}

/**
 * Connect an Okta org: domain, then an API token or an OAuth 2.0 service app (client id, private key pasted or
 * uploaded, key id). Test connection shows per dataset what the credential can read; Save stores the connection
 * (the server tests again and refuses one that cannot read users).
 */
export function ConnectDialog({ onClose }: { onClose: () => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [domain, setDomain] = useState('');
  const [kind, setKind] = useState<'ssws' | 'oauth'>('ssws');
  const [token, setToken] = useState('');
  const [clientId, setClientId] = useState('');
  const [privateKey, setPrivateKey] = useState('');
  const [keyId, setKeyId] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const domainError = domainMessage(domain);

  function credential(): Credential {
    return kind === 'ssws' ? { kind, token: token.trim() } : { kind, clientId: clientId.trim(), privateKey, keyId: keyId.trim() === '' ? null : keyId.trim(), dpop: 'auto' };
  }
  const draft = () => ({ domain: domain.trim(), credential: credential(), ...(baseUrl.trim() === '' ? {} : { baseUrl: baseUrl.trim() }) });
  const complete = domain.trim() !== '' && domainError === undefined && (kind === 'ssws' ? token.trim().length >= 10 : clientId.trim() !== '' && privateKey.trim() !== '');

  const test = useMutation({ mutationFn: async () => unwrap(await api.POST('/api/connections/test', { body: draft() })) });
  const save = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/connections', { body: { ...draft(), name: name.trim() === '' ? defaultName(domain) : name.trim() } })),
    onSuccess: async ({ connection }) => {
      await queryClient.invalidateQueries({ queryKey: ['connections'] });
      onClose();
      await navigate(`/integrations/${connection.id}`);
    },
  });
  // A change to what is being tested makes the last result stale.
  const resetResults = () => {
    test.reset();
    save.reset();
  };

  async function readKeyFile(file: File | undefined) {
    if (file === undefined) return;
    setPrivateKey(await file.text());
    resetResults();
  }

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (complete) save.mutate();
  }

  const failure = test.error ?? save.error;
  const failureAdvice = failure instanceof ApiError ? adviceFor(failure.code, failure.problem.detail) : [];

  return (
    <Dialog title="Connect Okta" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Field
          label="Okta domain"
          placeholder="company.okta.com"
          autoComplete="off"
          spellCheck={false}
          required
          value={domain}
          hint="Your org’s Okta host, e.g. company.okta.com (not the -admin host)."
          error={domainError}
          onChange={(event) => {
            setDomain(event.target.value);
            resetResults();
          }}
        />
        <Field label="Connection name (optional)" placeholder={defaultName(domain) || 'okta'} value={name} onChange={(event) => setName(event.target.value)} />
        <fieldset>
          <legend>Authentication</legend>
          <div className="radio-row">
            <label>
              <input type="radio" name="credential-kind" checked={kind === 'ssws'} onChange={() => { setKind('ssws'); resetResults(); }} /> API token
            </label>
            <label>
              <input type="radio" name="credential-kind" checked={kind === 'oauth'} onChange={() => { setKind('oauth'); resetResults(); }} /> OAuth 2.0 service app
            </label>
          </div>
          {kind === 'ssws' ? (
            <Field
              label="Okta API token"
              type="password"
              autoComplete="off"
              value={token}
              hint="Created by a read-only admin in Okta (Security › API › Tokens). Stored encrypted, never shown again."
              onChange={(event) => {
                setToken(event.target.value);
                resetResults();
              }}
            />
          ) : (
            <>
              <Field label="Client ID" autoComplete="off" value={clientId} onChange={(event) => { setClientId(event.target.value); resetResults(); }} />
              <div className="field">
                <label htmlFor="private-key">Private key (PEM or JWK)</label>
                <textarea
                  id="private-key"
                  rows={5}
                  spellCheck={false}
                  value={privateKey}
                  aria-describedby="private-key-hint"
                  onChange={(event) => {
                    setPrivateKey(event.target.value);
                    resetResults();
                  }}
                />
                <p id="private-key-hint" className="field-hint">
                  Paste it, or upload the key file. Stored encrypted, never shown again.
                </p>
                <label htmlFor="private-key-file">Upload key file</label>
                <input id="private-key-file" type="file" accept=".pem,.json,.key,text/plain,application/json" onChange={(event) => void readKeyFile(event.target.files?.[0])} />
              </div>
              <Field label="Key ID (optional)" autoComplete="off" value={keyId} hint="The kid of the key registered on the app, when it has several." onChange={(event) => { setKeyId(event.target.value); resetResults(); }} />
            </>
          )}
        </fieldset>
        <details>
          <summary>Advanced: base URL override</summary>
          <Field
            label="Base URL (a simulator or a forward proxy)"
            placeholder="http://127.0.0.1:8080"
            value={baseUrl}
            hint="Leave empty for a real org: requests go to https://<domain>. Plain http is accepted for loopback addresses only."
            onChange={(event) => {
              setBaseUrl(event.target.value);
              resetResults();
            }}
          />
        </details>
        {failure !== null ? <ProblemMessage error={failure} title={save.error !== null ? 'Not saved' : 'Test connection failed'} /> : null}
        <Advice lines={failureAdvice} />
        {test.data !== undefined ? <TestReport report={test.data} /> : null}
        <ConnectDialogActions test={test} canTest={complete} canSave={complete && test.data?.canReadUsers !== false} saving={save.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

/** `acme` for acme.okta.com: the default connection name. */
function defaultName(domain: string): string {
  const checked = checkOktaDomain(domain);
  return 'host' in checked ? (checked.host.split('.')[0] ?? '') : '';
}
