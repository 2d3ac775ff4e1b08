import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/*
 * Static assets at fixed routes (/assets/NAME), held in memory: nothing is read from a path a
 * request names. A package may add a script bundled in node_modules (e.g. a chart library) with
 * `addModuleAsset`; the page CSP allows scripts of our own origin ('self') and the page scripts
 * by hash.
 */

export interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

const NAME = /^[a-z0-9][a-z0-9._-]{0,80}$/;

export class AssetRegistry {
  private readonly assets = new Map<string, Asset>();

  add(name: string, body: string | Buffer, type: string): void {
    if (!NAME.test(name)) throw new Error(`invalid asset name: ${name}`);
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    this.assets.set(name, { body: bytes, type, etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}"` });
  }

  /** Adds a file of an installed package (resolved from `fromPackageJson`'s package), e.g. 'echarts/dist/echarts.min.js'. */
  async addModuleAsset(name: string, specifier: string, fromPackageJson: string, type = 'text/javascript; charset=utf-8'): Promise<void> {
    const require = createRequire(fromPackageJson);
    this.add(name, await readFile(require.resolve(specifier)), type);
  }

  get(name: string): Asset | undefined {
    return NAME.test(name) ? this.assets.get(name) : undefined;
  }
}

/** sha256 hash source for a CSP script-src list. */
export function scriptHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}
