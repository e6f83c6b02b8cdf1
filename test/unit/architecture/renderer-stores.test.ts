/**
 * The renderer's state is small stores shared through Svelte context (renderer/src/lib/context.ts):
 * no component takes or imports the whole app state, none writes another store's fields, and no
 * store inherits from another.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSourceFiles, REPO_ROOT } from './source-imports';

/** Modules that hold the whole state: the old AppStore and the composition root that builds every store. */
const WHOLE_STATE_MODULES = ['renderer/src/lib/app.svelte', 'renderer/src/lib/stores.svelte'];
const WHOLE_STATE_TYPES = ['AppStore', 'Stores'];

const components = listSourceFiles(['renderer/src/components']).filter((f) => f.endsWith('.svelte'));
const libFiles = listSourceFiles(['renderer/src/lib']);
const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');

function scripts(text: string): string {
  return [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

/** What a component does with the whole app state: imports its module, or names its type (a prop of it). */
export function wholeStateUses(file: string, text: string): string[] {
  const script = scripts(text);
  const found: string[] = [];
  for (const [, specifier] of script.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
    const target = path.posix.join(path.posix.dirname(file), specifier).replace(/\.(ts|js)$/, '');
    if (WHOLE_STATE_MODULES.includes(target)) found.push(`${file} imports ${specifier}`);
  }
  for (const type of WHOLE_STATE_TYPES) {
    if (new RegExp(`\\b${type}\\b`).test(script)) found.push(`${file} names the type ${type}`);
  }
  if (/\blet\s*\{[^}]*\bapp\b[^}]*\}\s*(:[^=]*)?=\s*\$props\(\)/.test(script))
    found.push(`${file} declares an app prop`);
  return found;
}

/** Assignments and bindings a component makes straight into a store's fields (not through its methods). */
export function storeWrites(file: string, text: string): string[] {
  const names = [...scripts(text).matchAll(/const\s+(\w+)\s*=\s*useStore\(/g)].map((m) => m[1]);
  const found: string[] = [];
  for (const name of names) {
    const assign = new RegExp(`\\b${name}(?:\\.\\w+)+\\s*(?:=(?!=)|\\+=|-=|\\+\\+|--)`, 'g');
    const bind = new RegExp(`bind:\\w+=\\{\\s*${name}\\.`, 'g');
    for (const m of [...text.matchAll(assign), ...text.matchAll(bind)]) found.push(`${file}: ${m[0].trim()}`);
  }
  return found;
}

/** Store classes that extend another class. */
export function inheritance(file: string, text: string): string[] {
  return [...text.matchAll(/class\s+(\w+)\s+extends\s+(\w+)/g)].map((m) => `${file}: ${m[1]} extends ${m[2]}`);
}

describe('renderer stores', () => {
  it('reads the components it guards', () => {
    expect(components.length).toBeGreaterThan(30);
    expect(components.filter((f) => /useStore\(/.test(read(f))).length).toBeGreaterThan(25);
  });

  it('lets no component import the whole app state or declare a prop of its type', () => {
    expect(components.flatMap((f) => wholeStateUses(f, read(f)))).toEqual([]);
  });

  it('lets components change a store only through its methods', () => {
    expect(components.flatMap((f) => storeWrites(f, read(f)))).toEqual([]);
  });

  it('builds stores by composition, not inheritance', () => {
    expect(libFiles.flatMap((f) => inheritance(f, read(f)))).toEqual([]);
  });

  it('catches each planted violation', () => {
    const file = 'renderer/src/components/Planted.svelte';
    const importing = `<script lang="ts">\n  import type { AppStore } from '../lib/app.svelte';\n  let { app }: { app: AppStore } = $props();\n</script>`;
    expect(wholeStateUses(file, importing)).toEqual([
      `${file} imports ../lib/app.svelte`,
      `${file} names the type AppStore`,
      `${file} declares an app prop`,
    ]);
    const bag = `<script lang="ts">\n  import { createStores } from '../lib/stores.svelte';\n</script>`;
    expect(wholeStateUses(file, bag)).toEqual([`${file} imports ../lib/stores.svelte`]);
    const writing = `<script lang="ts">\n  const playback = useStore('playback');\n  const go = () => (playback.frameIndex = 3);\n</script>\n<input bind:checked={playback.playing} />`;
    expect(storeWrites(file, writing)).toEqual([`${file}: playback.frameIndex =`, `${file}: bind:checked={playback.`]);
    expect(
      storeWrites(file, `<script>const review = useStore('review');</script><p>{review.range === null}</p>`),
    ).toEqual([]);
    expect(inheritance('renderer/src/lib/x.svelte.ts', 'export class AppStore extends RunStore {}')).toEqual([
      'renderer/src/lib/x.svelte.ts: AppStore extends RunStore',
    ]);
  });
});
