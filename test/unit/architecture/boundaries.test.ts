import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countLines, filesOverLimit } from './formatted-lines';
import {
  coreImportsOfHosts,
  coreLayerOf,
  findCycles,
  listSourceFiles,
  parseImports,
  readImports,
  readImportsWithTypes,
  REPO_ROOT,
  type SourceImport,
} from './source-imports';
import {
  duplicateExports,
  forbiddenRendererImports,
  indexNonReexports,
  type RendererCoreAllowance,
  type SharedExportName,
  type SourceText,
} from './source-rules';

/** Everything that ships: the test tree is the only place exempt from the size limit. */
const SOURCE_DIRS = ['core', 'hosts', 'electron', 'renderer/src', 'build', 'bin'];
const MAX_SOURCE_LINES = 300;
const ORT_MODULE = 'core/models/onnx.ts';

/** Names each module of a folder defines by convention: the CLI's command modules each export `register`. */
const SHARED_EXPORT_NAMES: SharedExportName[] = [{ name: 'register', under: 'hosts/cli/commands/' }];
/** Index files that still define things, each renamed or moved out of core/ by work under way. */
const INDEX_FILES_PENDING: string[] = [];
/**
 * What the renderer may import from core: the contract (core/api), the shared types, and pure
 * modules (tables, constants, geometry and edits over plain data: no Node, no I/O).
 */
const RENDERER_CORE: RendererCoreAllowance = {
  folders: ['core/api/'],
  modules: [
    'core/types',
    'core/devices',
    'core/export-formats',
    'core/media-extensions',
    'core/settings/run-settings',
    'core/settings/run-defaults',
    'core/keypoints/schema',
    'core/keypoints/visibility',
    'core/analysis/angles',
    'core/analysis/apply-filters',
    'core/analysis/filter-settings',
    'core/analysis/plot-series',
    'core/export/pieces',
    'core/project/keypoint-edits',
    'core/project/range-edits',
    'core/render/colors',
    'core/render/skeleton',
    'core/render/track-label',
    'core/review/problems',
  ],
};

const sourceFiles = listSourceFiles(SOURCE_DIRS);
const readSource = (file: string): SourceText => ({ file, text: readFileSync(path.join(REPO_ROOT, file), 'utf8') });
const coreImports = listSourceFiles(['core']).flatMap(readImports);
const where = (imp: SourceImport): string => `${imp.file}:${imp.line} imports ${imp.specifier}`;

/** Layer → layers it imports at run time, with one example import per edge. */
function coreLayerGraph(imports: readonly SourceImport[]): {
  edges: Map<string, Set<string>>;
  examples: Map<string, string>;
} {
  const edges = new Map<string, Set<string>>();
  const examples = new Map<string, string>();
  for (const imp of imports) {
    const from = coreLayerOf(imp.file);
    const to = imp.target ? coreLayerOf(imp.target) : null;
    if (!from) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    if (!to || to === from) continue;
    edges.get(from)!.add(to);
    if (!examples.has(`${from}→${to}`)) examples.set(`${from}→${to}`, where(imp));
  }
  return { edges, examples };
}

describe('architecture boundaries', () => {
  it('reads the tree it guards (the scan is not empty)', () => {
    expect(sourceFiles.length).toBeGreaterThan(100);
    const { edges } = coreLayerGraph(coreImports);
    expect(edges.get('pipeline')).toContain('track');
    expect(edges.get('service')).toContain('api');
  });

  it('has no import cycle between core/ folders', () => {
    const { edges, examples } = coreLayerGraph(coreImports);
    const cycles = findCycles(edges).map((members) => {
      const inside = [...examples].filter(
        ([edge]) => members.includes(edge.split('→')[0]) && members.includes(edge.split('→')[1]),
      );
      return `${members.join(' ↔ ')}:\n    ${inside.map(([, example]) => example).join('\n    ')}`;
    });
    expect(cycles, 'core/ folders that import each other, directly or through others').toEqual([]);
  });

  it('keeps Electron, Svelte and DOM-only code out of core/', () => {
    const forbidden = coreImports.filter(
      (imp) =>
        /^(electron|svelte)(\/|$)/.test(imp.specifier) ||
        imp.specifier.endsWith('.svelte') ||
        /^(renderer|electron)\//.test(imp.target ?? ''),
    );
    const domLibs = listSourceFiles(['core']).filter((file) =>
      /\/\/\/\s*<reference\s+lib="dom/.test(readFileSync(path.join(REPO_ROOT, file), 'utf8')),
    );
    expect(forbidden.map(where)).toEqual([]);
    expect(domLibs, 'core/ files that pull in the DOM library').toEqual([]);
  });

  it('keeps core/ free of imports from hosts/, type-only ones included', () => {
    const withTypes = listSourceFiles(['core']).flatMap(readImportsWithTypes);
    expect(withTypes.length).toBeGreaterThan(coreImports.length);
    expect(coreImportsOfHosts(withTypes).map(where)).toEqual([]);
  });

  it('keeps core/track free of output formats (the run passes the track id bound in)', () => {
    const trackImports = listSourceFiles(['core/track']).flatMap(readImportsWithTypes);
    expect(trackImports.filter((imp) => imp.target && coreLayerOf(imp.target) === 'export').map(where)).toEqual([]);
  });

  it(`lets only ${ORT_MODULE} import onnxruntime-node`, () => {
    const all = listSourceFiles([...SOURCE_DIRS, 'test']).flatMap(readImports);
    const ortImports = all.filter((imp) => /^onnxruntime-(node|common|web)(\/|$)/.test(imp.specifier));
    expect(ortImports.map((imp) => imp.file)).toContain(ORT_MODULE);
    expect(ortImports.filter((imp) => imp.file !== ORT_MODULE).map(where)).toEqual([]);
  });

  it(`keeps every source file outside test/ within ${MAX_SOURCE_LINES} lines once formatted`, async () => {
    expect(await filesOverLimit(sourceFiles, MAX_SOURCE_LINES)).toEqual([]);
  });
});

describe('one place per fact', () => {
  it('has each exported name defined by one core module (re-exports aside)', () => {
    expect(duplicateExports(listSourceFiles(['core']).map(readSource), SHARED_EXPORT_NAMES)).toEqual([]);
  });

  it('has core index files that only re-export', () => {
    const indexFiles = listSourceFiles(['core']).filter(
      (file) => /\/index\.ts$/.test(file) && !INDEX_FILES_PENDING.includes(file),
    );
    expect(indexFiles.length).toBeGreaterThan(3);
    expect(indexFiles.map(readSource).flatMap(indexNonReexports)).toEqual([]);
  });

  it('lets the renderer import from core only the contract, the types and the listed pure modules', () => {
    const rendererImports = listSourceFiles(['renderer/src']).flatMap(readImportsWithTypes);
    expect(rendererImports.some((imp) => imp.target?.startsWith('core/api/'))).toBe(true);
    expect(forbiddenRendererImports(rendererImports, RENDERER_CORE).map(where)).toEqual([]);
  });

  it('keeps the listed pure modules pure: no Node built-ins or native packages, through every core import', () => {
    const seen = new Set<string>();
    const impure: string[] = [];
    const visit = (module: string): void => {
      const file = `${module.replace(/\.ts$/, '')}.ts`;
      if (seen.has(file)) return;
      seen.add(file);
      for (const imp of readImports(file)) {
        if (imp.target) visit(imp.target);
        else if (!/^zod(\/|$)/.test(imp.specifier)) impure.push(where(imp));
      }
    };
    for (const module of RENDERER_CORE.modules) visit(module);
    expect(impure).toEqual([]);
  });
});

describe('the boundary checks themselves', () => {
  it('flag a name two core modules export, but not a re-export or a shared plugin name', () => {
    const sources: SourceText[] = [
      { file: 'core/a/one.ts', text: 'export const STRIDES = [8, 16, 32];\nexport function register() {}' },
      { file: 'core/b/two.ts', text: "export type STRIDES = number[];\nexport { STRIDES as S } from '../a/one';" },
      { file: 'core/c/index.ts', text: "export { STRIDES } from '../a/one';" },
      { file: 'core/a/three.ts', text: 'const local = 1;\nexport { local as register };' },
      {
        file: 'core/d/four.ts',
        text: "import { STRIDES } from '../a/one';\nimport type { register } from '../a/one';\nexport { STRIDES, register };",
      },
    ];
    expect(duplicateExports(sources)).toEqual([
      'STRIDES: core/a/one.ts, core/b/two.ts',
      'register: core/a/one.ts, core/a/three.ts',
    ]);
    expect(duplicateExports(sources, [{ name: 'register', under: 'core/a/' }])).toEqual([
      'STRIDES: core/a/one.ts, core/b/two.ts',
    ]);
  });

  it('flag an index file that defines or imports instead of re-exporting', () => {
    const clean = {
      file: 'core/x/index.ts',
      text: "/** Doc. */\nexport { a } from './a';\nexport type { B } from './b';\nexport * from './c';",
    };
    expect(indexNonReexports(clean)).toEqual([]);
    const planted = {
      file: 'core/x/index.ts',
      text: "export { a } from './a';\nimport { b } from './b';\nexport function load() {\n  return b;\n}",
    };
    expect(indexNonReexports(planted)).toEqual([
      "core/x/index.ts:2: import { b } from './b';",
      'core/x/index.ts:3: export function load() {',
    ]);
  });

  it('flag a renderer import of core outside the contract, the types and the listed modules', () => {
    const imp = (target: string): SourceImport => ({
      file: 'renderer/src/App.svelte',
      specifier: `../../${target}`,
      target,
      line: 1,
    });
    const imports = [
      imp('core/api/pose-api'),
      imp('core/types'),
      imp('core/keypoints/schema.ts'),
      imp('core/pipeline/runner'),
      imp('core/keypoints/index'),
      imp('renderer/src/lib/x'),
    ];
    expect(forbiddenRendererImports(imports, RENDERER_CORE).map((i) => i.target)).toEqual([
      'core/pipeline/runner',
      'core/keypoints/index',
    ]);
  });

  it('find a cycle through three folders and ignore acyclic edges', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a', 'd'])],
      ['d', new Set<string>()],
    ]);
    expect(findCycles(graph)).toEqual([['a', 'b', 'c']]);
    graph.get('c')!.delete('a');
    expect(findCycles(graph)).toEqual([]);
  });

  it('flag a file by its formatted length: packed lines count, extra blank lines do not', async () => {
    const packed = `export const steps = [${Array.from({ length: 300 }, (_, i) => `'step ${i}'`).join(', ')}];\n`;
    const spaced = 'export const a = 1;\n\n\n\n'.repeat(100);
    const planted = new Map([
      ['core/planted-packed.ts', packed],
      ['core/planted-spaced.ts', spaced],
    ]);
    const read = (file: string): string => planted.get(file)!;
    expect([countLines(packed), countLines(spaced)]).toEqual([1, 400]);
    expect(await filesOverLimit([...planted.keys()], MAX_SOURCE_LINES, read)).toEqual([
      'core/planted-packed.ts: 302 lines',
    ]);
    expect(await filesOverLimit([...planted.keys()], 0, read)).toEqual([
      'core/planted-packed.ts: 302 lines',
      'core/planted-spaced.ts: 199 lines',
    ]);
  });

  it('catch a core/ file planted with imports from hosts/, and pass hosts importing core', () => {
    const planted = [
      "import type { CliOptions } from '../../hosts/cli/options';",
      "import { startServer } from '../../hosts/server/server';",
      "import { boxIou } from '../detect/nms';",
      "const lazy = () => import('../../hosts/cli/main');",
    ].join('\n');
    const found = coreImportsOfHosts(parseImports('core/track/planted.ts', planted, true));
    expect(found.map((imp) => `${imp.line}:${imp.target}`)).toEqual([
      '1:hosts/cli/options',
      '2:hosts/server/server',
      '4:hosts/cli/main',
    ]);
    const hostFile = parseImports(
      'hosts/cli/planted.ts',
      "import { boxIou } from '../../core/detect/nms';\nimport { x } from './options';",
      true,
    );
    expect(hostFile).toHaveLength(2);
    expect(coreImportsOfHosts(hostFile)).toEqual([]);
  });

  it('name the layer of a path, core/types.ts included', () => {
    expect(coreLayerOf('core/pipeline/runner.ts')).toBe('pipeline');
    expect(coreLayerOf('core/types.ts')).toBe('types');
    expect(coreLayerOf('core/types')).toBe('types');
    expect(coreLayerOf('renderer/src/App.svelte')).toBeNull();
  });
});

describe('the CLI', () => {
  it('has command files that import shared CLI modules, never each other or main.ts', () => {
    const commandImports = listSourceFiles(['hosts/cli/commands'])
      .filter((file) => !file.endsWith('/index.ts'))
      .flatMap(readImports)
      .filter(
        (imp) =>
          imp.target !== null &&
          (imp.target.startsWith('hosts/cli/commands/') || imp.target.replace(/\.ts$/, '') === 'hosts/cli/main'),
      );
    expect(commandImports.map(where)).toEqual([]);
  });
});

/** The README's numbered layer list: level → the `core/` layers (folders or root files) named on it. */
function readmeLayers(): Map<string, number> {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(
    readme.indexOf('## Architecture'),
    readme.indexOf('\n## ', readme.indexOf('## Architecture') + 1),
  );
  const levels = new Map<string, number>();
  for (const match of section.matchAll(/^\s+(\d+)\. ((?:`[^`]+`(?:, )?)+) —/gm)) {
    for (const name of match[2].matchAll(/`([^`/]+)\/?`/g))
      levels.set(coreLayerOf(`core/${name[1]}`)!, Number(match[1]));
  }
  return levels;
}

describe("the README's layer list", () => {
  const levels = readmeLayers();

  it('names every core/ folder and root file once', () => {
    const layers = new Set(listSourceFiles(['core']).map((file) => coreLayerOf(file)!));
    expect([...levels.keys()].sort()).toEqual([...layers].sort());
  });

  it('matches the imports: each layer imports only layers listed below it', () => {
    const upward = coreImports
      .filter((imp) => imp.target && coreLayerOf(imp.target) && coreLayerOf(imp.target) !== coreLayerOf(imp.file))
      .filter((imp) => levels.get(coreLayerOf(imp.target!)!)! <= levels.get(coreLayerOf(imp.file)!)!)
      .map(where);
    expect(upward).toEqual([]);
  });
});
