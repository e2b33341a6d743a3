import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useNavigate } from 'react-router';
import { useApi } from '../../../api/ApiContext';
import { unwrap, type paths } from '../../../api/client';
import { Dialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { ProblemMessage } from '../../../components/Problem';
import { ConnectDialogActions } from '../ConnectDialogActions';
import { GithubTestReport } from './GithubTestReport';

type Credential = paths['/api/github-connections/test']['post']['requestBody']['content']['application/json']['credential'];

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/;

/** What the organization field says as the user types (the server says the same, naming the field). */
export function loginMessage(value: string): string | undefined {
  return value.trim() === '' || LOGIN.test(value.trim()) ? undefined : 'Not a GitHub login: letters, digits and inner hyphens, up to 39.';
}

/**
 * Connect a GitHub organization: its login (and Enterprise Server address), a GitHub App (id, private key, optional
 * installation) or a fine-grained token, and the Okta connection and app its members sign in through. Test connection
 * shows per dataset what the credential can read; Save stores it (the server tests again and refuses one that cannot
 * read the members).
 */
export function GithubConnectDialog({ onClose }: { onClose: () => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const oktaConnections = useQuery({ queryKey: ['connections'], queryFn: async () => unwrap(await api.GET('/api/connections')).items });
  const [org, setOrg] = useState('');
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [enterprise, setEnterprise] = useState('');
  const [kind, setKind] = useState<'app' | 'token'>('app');
  const [appId, setAppId] = useState('');
  const [privateKey, setPrivateKey] = useState('');
  const [installationId, setInstallationId] = useState('');
  const [token, setToken] = useState('');
  const [oktaConnection, setOktaConnection] = useState('');
  const [oktaApp, setOktaApp] = useState('');
  const orgError = loginMessage(org);
  const installationError = installationId.trim() === '' || /^\d+$/.test(installationId.trim()) ? undefined : 'An installation id is a number.';
  const chosenOkta = oktaConnection === '' ? (oktaConnections.data?.[0]?.id ?? '') : oktaConnection;

  function credential(): Credential {
    return kind === 'app' ? { kind, appId: appId.trim(), privateKey, installationId: installationId.trim() === '' ? null : installationId.trim() } : { kind, token: token.trim() };
  }
  const draft = () => ({
    org: org.trim(),
    credential: credential(),
    ...(baseUrl.trim() === '' ? {} : { baseUrl: baseUrl.trim() }),
    ...(enterprise.trim() === '' ? {} : { enterprise: enterprise.trim() }),
  });
  const credentialComplete = kind === 'app' ? appId.trim() !== '' && privateKey.trim() !== '' && installationError === undefined : token.trim().length >= 10;
  const testable = org.trim() !== '' && orgError === undefined && credentialComplete;
  const complete = testable && chosenOkta !== '' && oktaApp.trim() !== '';

  const test = useMutation({ mutationFn: async () => unwrap(await api.POST('/api/github-connections/test', { body: draft() })) });
  const save = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/github-connections', { body: { ...draft(), name: name.trim() === '' ? org.trim() : name.trim(), oktaConnection: chosenOkta, oktaApp: oktaApp.trim() } })),
    onSuccess: async ({ connection }) => {
      await queryClient.invalidateQueries({ queryKey: ['github-connections'] });
      onClose();
      await navigate(`/integrations/github/${connection.id}`);
    },
  });
  const changed = (set: (value: string) => void) => (event: { target: { value: string } }) => {
    set(event.target.value);
    test.reset();
    save.reset();
  };

  async function readKeyFile(file: File | undefined) {
    if (file === undefined) return;
    setPrivateKey(await file.text());
    test.reset();
  }

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (complete) save.mutate();
  }

  const failure = test.error ?? save.error;
  return (
    <Dialog title="Connect GitHub" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Field label="Organization" placeholder="example-org" autoComplete="off" spellCheck={false} required value={org} error={orgError} hint="The organization’s login, as in github.com/ORG." onChange={changed(setOrg)} />
        <Field label="Connection name (optional)" placeholder={org.trim() || 'github'} value={name} onChange={(event) => setName(event.target.value)} />
        <fieldset>
          <legend>Authentication</legend>
          <div className="radio-row">
            <label>
              <input type="radio" name="github-credential-kind" checked={kind === 'app'} onChange={() => { setKind('app'); test.reset(); }} /> GitHub App
            </label>
            <label>
              <input type="radio" name="github-credential-kind" checked={kind === 'token'} onChange={() => { setKind('token'); test.reset(); }} /> Fine-grained token
            </label>
          </div>
          {kind === 'app' ? (
            <>
              <Field label="App ID" autoComplete="off" value={appId} hint="The App’s id (or client id), from its settings page." onChange={changed(setAppId)} />
              <div className="field">
                <label htmlFor="github-private-key">Private key (PEM)</label>
                <textarea id="github-private-key" rows={5} spellCheck={false} value={privateKey} aria-describedby="github-private-key-hint" onChange={changed(setPrivateKey)} />
                <p id="github-private-key-hint" className="field-hint">
                  Paste it, or upload the .pem GitHub generated. Stored encrypted, never shown again.
                </p>
                <label htmlFor="github-private-key-file">Upload key file</label>
                <input id="github-private-key-file" type="file" accept=".pem,text/plain" onChange={(event) => void readKeyFile(event.target.files?.[0])} />
              </div>
              <Field label="Installation ID (optional)" autoComplete="off" value={installationId} error={installationError} hint="Looked up from the organization when left empty." onChange={changed(setInstallationId)} />
            </>
          ) : (
            <Field
              label="GitHub token"
              type="password"
              autoComplete="off"
              value={token}
              hint="A fine-grained token of an organization owner with Members and Administration read. Stored encrypted, never shown again."
              onChange={changed(setToken)}
            />
          )}
        </fieldset>
        <fieldset>
          <legend>Okta sign-in</legend>
          <div className="field">
            <label htmlFor="github-okta-connection">Okta connection</label>
            <select id="github-okta-connection" value={chosenOkta} onChange={(event) => setOktaConnection(event.target.value)}>
              {oktaConnections.data?.length === 0 ? <option value="">Connect Okta first</option> : null}
              {oktaConnections.data?.map((connection) => (
                <option key={connection.id} value={connection.id}>
                  {connection.name} ({connection.domain})
                </option>
              ))}
            </select>
          </div>
          <Field label="Okta app id of GitHub" placeholder="0oa1b2c3d4EXAMPLE" autoComplete="off" value={oktaApp} hint="The app the members sign in to GitHub through (Applications page of the Okta org)." onChange={(event) => setOktaApp(event.target.value)} />
        </fieldset>
        <details>
          <summary>GitHub Enterprise Server or enterprise SAML</summary>
          <Field label="GitHub Enterprise Server address" placeholder="https://github.example.com" value={baseUrl} hint="Leave empty for GitHub.com." onChange={changed(setBaseUrl)} />
          <Field label="Enterprise slug (optional)" value={enterprise} hint="Lets an enterprise owner’s credential show whether SAML SSO is enforced." onChange={changed(setEnterprise)} />
        </details>
        {failure !== null ? <ProblemMessage error={failure} title={save.error !== null ? 'Not saved' : 'Test connection failed'} /> : null}
        {test.data !== undefined ? <GithubTestReport report={test.data} /> : null}
        <ConnectDialogActions test={test} canTest={testable} canSave={complete && test.data?.canReadMembers !== false} saving={save.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
