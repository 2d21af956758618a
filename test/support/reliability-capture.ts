/**
 * Everything a reliability scenario printed or wrote, kept so that it can be searched for the secrets the
 * sandbox issued: CLI output, log lines of in-process hosts, child processes' output, files under a folder.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export class Capture {
  readonly #parts: string[] = [];
  #bytes = 0;

  add(label: string, text: string): void {
    if (!text) return;
    this.#parts.push(`--- ${label}\n${text}`);
    this.#bytes += text.length;
  }

  /** A destination for a pino logger (createLogger({ destination })). */
  sink(label: string): { write(line: string): void } {
    return { write: (line: string) => this.add(label, line) };
  }

  get bytes(): number {
    return this.#bytes;
  }

  get lines(): number {
    return this.#parts.reduce((n, part) => n + part.split('\n').length - 1, 0);
  }

  text(): string {
    return this.#parts.join('\n');
  }
}

/** Every regular file under `dir`, recursively, as text (binary content is searched as latin1). */
export function filesUnder(dir: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (at: string) => {
    let names: string[];
    try {
      names = readdirSync(at);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(at, name);
      const info = statSync(path, { throwIfNoEntry: false });
      if (info?.isDirectory()) walk(path);
      else if (info?.isFile()) out.push({ path, text: readFileSync(path).toString('latin1') });
    }
  };
  walk(dir);
  return out;
}

export interface LeakReport {
  /** Secrets searched for (tokens, client secrets the sandbox issued). */
  secrets: number;
  /** Total occurrences of any of them; never the values themselves, so a failing assertion prints no secret. */
  occurrences: number;
  /** Labels of the texts they occurred in. */
  where: string[];
}

/** Counts occurrences of each secret (and its URL-encoded form) in the texts. */
export function findLeaks(secrets: readonly string[], texts: readonly { label: string; text: string }[]): LeakReport {
  const forms = [...new Set(secrets.filter((s) => s.length >= 8).flatMap((s) => [s, encodeURIComponent(s)]))];
  let occurrences = 0;
  const where = new Set<string>();
  for (const { label, text } of texts) {
    for (const form of forms) {
      let at = text.indexOf(form);
      while (at >= 0) {
        occurrences++;
        where.add(label);
        at = text.indexOf(form, at + form.length);
      }
    }
  }
  return { secrets: secrets.length, occurrences, where: [...where] };
}
