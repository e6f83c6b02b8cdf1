/**
 * `npm run bench`: runs every benchmark section (`test/bench/<name>.bench.ts`, found by file name)
 * or those named with `--only name[,name…]`, and writes bench-results/report.json atomically:
 * machine, versions, and per section its results or its error. A failing section is recorded
 * and the others still run; the exit code is 1 when any section failed or named a figure worse
 * than in its previous run (the quality section). Missed targets are
 * reported (PASS/FAIL) but do not fail the run: they depend on the machine.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../../core/util/fs';
import { SHARED_ASSETS } from '../helpers/assets';
import { describeMachine, describeVersions, sectionRegressions, summary, type BenchReport } from './report';
import { discoverSections, runSection, selectSections } from './sections';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(BENCH_DIR, '../..');
const USAGE = 'usage: npm run bench [-- --only name[,name…]] [--list]';

interface Args {
  only?: string[];
  list: boolean;
  help: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { list: false, help: false };
  const addOnly = (text: string) => {
    args.only = [...(args.only ?? []), ...text.split(',').filter(Boolean)];
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--list') args.list = true;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--only' && argv[i + 1] && !argv[i + 1].startsWith('--')) addOnly(argv[++i]);
    else if (arg.startsWith('--only=')) addOnly(arg.slice('--only='.length));
    else throw new Error(`Unknown or incomplete argument ${arg}. ${USAGE}`);
  }
  return args;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const available = await discoverSections(BENCH_DIR);
  if (args.list) {
    console.log(available.join('\n'));
    return 0;
  }
  const selected = selectSections(available, args.only);
  const outDir = path.join(REPO_ROOT, 'bench-results');
  const started = performance.now();
  const report: BenchReport = {
    startedAt: new Date().toISOString(),
    durationMs: 0,
    args: process.argv.slice(2),
    machine: describeMachine(),
    versions: describeVersions(REPO_ROOT),
    sections: {},
  };
  for (const name of selected) {
    process.stderr.write(`[${name}] running…\n`);
    report.sections[name] = await runSection(name, {
      dir: BENCH_DIR,
      repoRoot: REPO_ROOT,
      outDir,
      sharedAssets: SHARED_ASSETS,
    });
  }
  report.durationMs = performance.now() - started;
  const reportPath = path.join(outDir, 'report.json');
  await writeFileAtomic(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  console.log(summary(report, path.relative(process.cwd(), reportPath) || reportPath));
  const sections = Object.values(report.sections);
  return sections.some((section) => section.status === 'error' || sectionRegressions(section).length > 0) ? 1 : 0;
}

// Exit explicitly: a section that leaves a handle open must not keep the run alive.
main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`bench: ${error.message}`);
    process.exit(2);
  },
);
