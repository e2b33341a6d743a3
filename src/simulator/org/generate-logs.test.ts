import { describe, expect, it } from 'vitest';
import { generateOrg } from './generate.js';
import { DAY } from './time.js';

const NOW = Date.parse('2026-05-15T12:00:00.000Z');
const org = generateOrg({ users: 2000, seed: 42, now: NOW });

describe('generateOrg System Log', () => {
  const { logs } = org;

  it('holds users × 14 × rate events, sorted, within the last 14 days', () => {
    expect(logs.size).toBe(2000 * 14);
    for (let i = 0; i < logs.size; i++) {
      const t = logs.publishedAt(i);
      if (i > 0 && t < logs.publishedAt(i - 1)) throw new Error(`unsorted at ${i}`);
      if (t < NOW - 14 * DAY || t >= NOW) throw new Error(`out of window at ${i}`);
    }
    expect(generateOrg({ users: 100, seed: 1, now: NOW, logEventsPerUserPerDay: 3 }).logs.size).toBe(4200);
  });

  it('materialises full, stable events with unique v4 uuids', () => {
    const uuids = new Set<string>();
    const types = new Set<string>();
    const wrong: string[] = [];
    const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const DOC_IP = /^(203\.0\.113|198\.51\.100)\.\d+$/;
    for (let i = 0; i < logs.size; i += 7) {
      const e = logs.event(i);
      uuids.add(e.uuid);
      types.add(e.eventType);
      if (!UUID.test(e.uuid)) wrong.push(`uuid ${e.uuid}`);
      if (Date.parse(e.published) !== logs.publishedAt(i)) wrong.push(`published ${i}`);
      if (!DOC_IP.test(e.client.ipAddress ?? '')) wrong.push(`ip ${String(e.client.ipAddress)}`);
      if (e.actor.type === 'User' && !org.usersById.has(e.actor.id)) wrong.push(`actor ${e.actor.id}`);
    }
    expect(wrong).toEqual([]);
    expect(uuids.size).toBe(Math.ceil(logs.size / 7));
    const e = logs.event(123);
    expect(e).toEqual(logs.event(123));
    expect(e).toHaveProperty('request.ipChain.0.ip', e.client.ipAddress);
    expect(e).toMatchObject({ version: '0', severity: expect.any(String) as unknown, displayMessage: expect.any(String) as unknown, debugContext: { debugData: {} }, transaction: { type: 'WEB' } });
    expect(e).toHaveProperty('client.geographicalContext.geolocation.lat');
    expect(e).toHaveProperty('authenticationContext.externalSessionId');
    expect(e).toHaveProperty('securityContext.isProxy', false);
    for (const type of ['user.session.start', 'user.authentication.sso', 'user.authentication.auth_via_mfa', 'user.mfa.factor.activate', 'application.user_membership.add', 'group.user_membership.add', 'user.lifecycle.create']) {
      expect(types.has(type), type).toBe(true);
    }
  });

  it('targets real entities: SSO to an assigned app, MFA to one of the user’s factors', () => {
    for (let i = 0; i < logs.size; i += 11) {
      const e = logs.event(i);
      if (e.eventType === 'user.authentication.sso') {
        const app = e.target.find((t) => t.type === 'AppInstance');
        expect(org.appUsers.get(app?.id ?? '')?.some((r) => r.id === e.actor.id)).toBe(true);
      }
      if (e.eventType === 'user.authentication.auth_via_mfa') {
        const factor = e.target.find((t) => t.type === 'AuthenticatorEnrollment');
        expect(org.factorsByUser.get(e.actor.id)?.some((f) => f.id === factor?.id)).toBe(true);
      }
    }
  });

  it('never shows a successful sign-in after the user’s lastLogin', () => {
    for (let i = 0; i < logs.size; i++) {
      const e = logs.event(i);
      if (e.eventType !== 'user.session.start' || e.outcome.result !== 'SUCCESS') continue;
      const last = org.usersById.get(e.actor.id)?.lastLogin ?? null;
      expect(last === null ? -1 : Date.parse(last)).toBeGreaterThanOrEqual(Math.floor(Date.parse(e.published) / 1000) * 1000);
    }
  });
});

