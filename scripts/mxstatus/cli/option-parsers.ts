/**
 * Commander's parsers for option values: each returns the value or throws InvalidArgumentError,
 * which commander turns into a usage error naming the option.
 */
import { InvalidArgumentError } from 'commander';

export function timeZoneOption(value: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value;
  } catch {
    throw new InvalidArgumentError('not an IANA time zone; use a name such as Europe/Berlin or UTC.');
  }
}

export function yearOption(value: string): number {
  const year = integerOption(value);
  if (year < 1970 || year > 9999) throw new InvalidArgumentError('use a four-digit year such as 2026.');
  return year;
}

export function integerOption(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('not a whole number.');
  return Number(value);
}
