/**
 * Serves the page's files (web/public, copied beside the compiled server in dist/) from memory: they are few and
 * small, read once, and nothing outside the folder can be reached.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, relative, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
};

interface StaticFile {
  body: Buffer;
  type: string;
}

function collect(dir: string, root: string, out: Map<string, StaticFile>): void {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      collect(full, root, out);
      continue;
    }
    const type = TYPES[extname(name).toLowerCase()];
    if (type) out.set(`/${relative(root, full).split(sep).join('/')}`, { body: readFileSync(full), type });
  }
}

export class StaticFiles {
  private readonly files = new Map<string, StaticFile>();

  constructor(dir: string) {
    collect(dir, dir, this.files);
  }

  /** Answers `pathname` when it names a file (`/` is index.html); false when there is no such file. */
  serve(pathname: string, res: ServerResponse, head = false): boolean {
    const file = this.files.get(pathname === '/' ? '/index.html' : pathname);
    if (!file) return false;
    res.writeHead(200, {
      'content-type': file.type,
      'content-length': file.body.length,
      // the files change only with a new build; a restart must not show a stale page
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    });
    res.end(head ? undefined : file.body);
    return true;
  }
}
