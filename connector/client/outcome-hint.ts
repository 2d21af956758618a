/**
 * What to check in Zoho when a write's outcome is unknown, in the user's terms: which record may or may not
 * exist now, and how to find out before trying again.
 */
import { OutcomeUnknownError } from '../../runtime/errors';

function segments(pathname: string): string[] {
  const parts = pathname.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
  if (parts[0] === 'crm') parts.shift();
  if (parts[0] && /^v\d+/.test(parts[0])) parts.shift();
  return parts;
}

export function outcomeCheck(method: string, pathname: string): string {
  const [module, id, third, fourth] = segments(pathname);
  if (method === 'POST' && third === 'actions' && fourth === 'convert') return `Open lead ${id} in Zoho CRM: if it is converted, read the contact (and account, deal) it became instead of converting again.`;
  if (method === 'POST' && third === 'actions' && fourth === 'clone') return `Look in ${module} for a new copy of record ${id} (sort by Created_Time) before cloning again.`;
  if (method === 'POST' && module && !id) return `Search ${module} for the record(s) you sent (by a unique field, or sort by Created_Time) before creating again.`;
  if (method === 'POST' && module && third === 'Notes') return `List the notes of ${module} record ${id} before adding the note again.`;
  return `Check in Zoho CRM whether ${method} ${pathname} took effect before sending it again.`;
}

export function outcomeUnknownError(method: string, pathname: string, why: string): OutcomeUnknownError {
  return new OutcomeUnknownError(
    `${method} ${pathname} reached Zoho but ${why}, so it may or may not have taken effect. It was not sent again, because doing it twice is not safe.`,
    outcomeCheck(method, pathname),
    { method, path: pathname },
  );
}
