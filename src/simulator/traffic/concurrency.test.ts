import { describe, expect, it } from 'vitest';
import { ConcurrencyGate, concurrencyLimitFor } from './concurrency.js';

describe('concurrencyLimitFor', () => {
  it('uses 75 for Workforce, 35 for developer, none for off, and an explicit limit over any preset', () => {
    expect(concurrencyLimitFor('workforce', undefined)).toBe(75);
    expect(concurrencyLimitFor('developer', undefined)).toBe(35);
    expect(concurrencyLimitFor('off', undefined)).toBeNull();
    expect(concurrencyLimitFor('workforce', 3)).toBe(3);
    expect(concurrencyLimitFor('off', 3)).toBe(3);
  });
});

describe('ConcurrencyGate', () => {
  it('refuses over the cap, counts the peak of admitted requests, and releases each slot once', () => {
    const gate = new ConcurrencyGate(2);
    const a = gate.tryAcquire();
    const b = gate.tryAcquire();
    expect(gate.tryAcquire()).toBeNull();
    expect(gate.inFlight).toBe(2);
    expect(gate.peak).toBe(2);
    a?.();
    a?.();
    expect(gate.inFlight).toBe(1);
    expect(gate.tryAcquire()).not.toBeNull();
    b?.();
    expect(gate.inFlight).toBe(1);
    expect(gate.peak).toBe(2);
  });

  it('counts without limiting when the limit is null', () => {
    const gate = new ConcurrencyGate(null);
    for (let i = 0; i < 100; i++) expect(gate.tryAcquire()).not.toBeNull();
    expect(gate.peak).toBe(100);
  });
});
