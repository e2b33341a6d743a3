import { InvalidArgumentError } from 'commander';
import { parseDuration, type DurationRange } from '../config/duration.js';
import { isConfigError } from '../config/errors.js';
import type { IntegerSetting } from '../config/settings.js';

/** Commander argument parsers that reject anything but a plain number, so `--users 5k` fails loudly. */
export function integerArg(flag: string, min: number, max: number): (value: string) => number {
  return (value) => {
    if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`${flag} must be a whole number, got "${value}"`);
    const n = Number(value);
    if (n < min || n > max) throw new InvalidArgumentError(`${flag} must be between ${min} and ${max}, got ${n}`);
    return n;
  };
}

export function numberArg(flag: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`${flag} must be a number, got "${value}"`);
    if (n < min || n > max) throw new InvalidArgumentError(`${flag} must be between ${min} and ${max}, got ${n}`);
    return n;
  };
}

export function choiceArg<T extends string>(flag: string, choices: readonly T[]): (value: string) => T {
  return (value) => {
    const found = choices.find((c) => c === value);
    if (found === undefined) throw new InvalidArgumentError(`${flag} must be one of ${choices.join(', ')}, got "${value}"`);
    return found;
  };
}

/** For repeatable flags: collects every occurrence. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A whole-number setting from src/config/settings.ts: the range is the setting's own, written once. */
export function integerSettingArg(flag: string, setting: IntegerSetting): (value: string) => number {
  return integerArg(flag, setting.min, setting.max);
}

/** A human duration (`6h`, `15m`) within `range`, in milliseconds; the error is the config layer's one line. */
export function durationArg(flag: string, range: Omit<DurationRange, 'name'>): (value: string) => number {
  return (value) => {
    try {
      return parseDuration(value, { ...range, name: flag });
    } catch (error) {
      if (isConfigError(error)) throw new InvalidArgumentError(error.message);
      throw error;
    }
  };
}
