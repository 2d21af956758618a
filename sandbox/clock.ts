/**
 * The sandbox's clock and Zoho's date-time text. One clock serves the CRM and the OAuth part, so tests can move
 * time (token expiry, page-token expiry, recycle-bin age) without waiting.
 */

/** The org's time zone. A zone without daylight saving keeps every offset the same (Zoho prints the user's zone). */
export const ORG_TIME_ZONE = 'Asia/Kolkata';
const OFFSET_MINUTES = 330;
const OFFSET_TEXT = '+05:30';

export class Clock {
  private offsetMs = 0;

  constructor(private readonly base: () => number = Date.now) {}

  now(): number {
    return this.base() + this.offsetMs;
  }

  /** Moves the clock forward (tests and `POST /__sandbox/clock`). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }

  get offset(): number {
    return this.offsetMs;
  }

  set offset(ms: number) {
    this.offsetMs = ms;
  }
}

/** `2024-05-10T13:40:47+05:30`: Zoho's date-time form, seconds precision, in the org's zone. */
export function zohoDateTime(ms: number): string {
  const shifted = new Date(Math.floor(ms / 1000) * 1000 + OFFSET_MINUTES * 60_000);
  return `${shifted.toISOString().slice(0, 19)}${OFFSET_TEXT}`;
}

/** `2024-05-10` in the org's zone. */
export function zohoDate(ms: number): string {
  return new Date(ms + OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for an ISO 8601 date-time with seconds and an offset, the form Zoho accepts for datetime fields. */
export function isDateTimeText(text: string): boolean {
  return DATE_TIME.test(text) && !Number.isNaN(Date.parse(text));
}

/** True for a calendar date `yyyy-MM-dd` that exists. */
export function isDateText(text: string): boolean {
  if (!DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}
