import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../simulator/server.js';
import { isOktaClientError } from './errors.js';
import { parseOrgMetadata, readOrgMetadata } from './org-metadata.js';

const signal = new AbortController().signal;

describe('parseOrgMetadata', () => {
  it('reads the id, pipeline and links, ignoring fields it does not know', () => {
    expect(
      parseOrgMetadata({
        id: '00o47wwoytgsDqEtz0g7',
        pipeline: 'idx',
        _links: { organization: { href: 'https://example.okta.com' }, alternate: { href: 'https://login.example.com' } },
        settings: { analyticsCollectionEnabled: false },
      }),
    ).toEqual({ orgId: '00o47wwoytgsDqEtz0g7', pipeline: 'idx', organizationUrl: 'https://example.okta.com', customDomainUrl: 'https://login.example.com' });
  });

  it('keeps an org whose pipeline is missing or new as pipeline null, and refuses a body without an id', () => {
    expect(parseOrgMetadata({ id: '00o1', pipeline: 'v2' })).toEqual({ orgId: '00o1', pipeline: null, organizationUrl: null, customDomainUrl: null });
    expect(parseOrgMetadata({ id: '00o1', _links: 'odd' })?.organizationUrl).toBeNull();
    expect(parseOrgMetadata({ pipeline: 'idx' })).toBeUndefined();
    expect(parseOrgMetadata('<html>')).toBeUndefined();
  });
});

describe('readOrgMetadata', () => {
  let sim: SimulatorHandle;
  let other: Server;
  let otherUrl: URL;
  beforeAll(async () => {
    sim = await startSimulator({ users: 3, seed: 7, rateLimits: 'off' });
    // Something that is not an Okta org: 404 on /.well-known/okta-organization, HTML elsewhere.
    other = createServer((request, response) => {
      if (request.url?.startsWith('/html/')) response.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>');
      else if (request.url?.startsWith('/moved/')) response.writeHead(301, { location: 'https://example.com/' }).end();
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    otherUrl = new URL(`http://127.0.0.1:${(other.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await sim.close();
    await new Promise((resolve) => other.close(resolve));
  });

  it("reads the simulator's org id and pipeline without credentials", async () => {
    expect(await readOrgMetadata(new URL(sim.baseUrl), { signal })).toEqual({ orgId: sim.org.orgId, pipeline: 'idx', organizationUrl: sim.baseUrl, customDomainUrl: null });
  });

  it('says no Okta org answers at a host that is not one, and names the host', async () => {
    const error = await readOrgMetadata(otherUrl, { signal }).catch((e: unknown) => e);
    expect(isOktaClientError(error, 'OKTA_NOT_FOUND')).toBe(true);
    expect((error as Error).message).toContain(`no Okta org answers at ${otherUrl.origin}`);
    const html = await readOrgMetadata(new URL('/html/', otherUrl), { signal }).catch((e: unknown) => e);
    // The path of the base URL is dropped: the endpoint is at the host's root, as on Okta.
    expect(isOktaClientError(html, 'OKTA_NOT_FOUND')).toBe(true);
  });

  it('says the host cannot be reached when nothing listens there', async () => {
    const error = await readOrgMetadata(new URL('http://127.0.0.1:9'), { signal }).catch((e: unknown) => e);
    expect(isOktaClientError(error, 'OKTA_NETWORK_ERROR')).toBe(true);
    expect((error as Error).message).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9: .*Check the Okta domain/);
  });
});
