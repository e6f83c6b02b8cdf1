import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/assets';

const json = (file: string) =>
  JSON.parse(readFileSync(path.join(REPO_ROOT, file), 'utf8')) as { engines?: { node?: string } };
const minimum = (range: string | undefined) => range?.match(/>=?\s*(\d+\.\d+)/)?.[1];
const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

describe('the README states the Node versions the packages declare', () => {
  it("names the project's own minimum and the one Electron's tooling wants", () => {
    const own = minimum(json('package.json').engines?.node);
    const electron = minimum(json('node_modules/electron/package.json').engines?.node);
    expect(own).toBe('20.19');
    expect(electron).toMatch(/^\d+\.\d+$/);
    const stated = [...readme.matchAll(/Node\.js ≥ (\d+\.\d+)/g)].map((m) => m[1]);
    expect(stated).toEqual([own, electron]);
    expect(readme).toMatch(new RegExp(`Node\\.js ≥ ${electron!.replace('.', '\\.')} for the desktop app`));
  });
});
