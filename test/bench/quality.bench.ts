/**
 * Quality section (`npm run bench -- --only quality`): the figures of every provider in
 * quality/providers.ts, measured on the shared real data, compared by name with the previous
 * quality run (bench-results/quality/latest.json). Every figure worse than before by more than
 * its tolerance is named in the log and in `regressions`, and makes the bench exit non-zero.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { BenchContext } from './context';
import { changeLines, compareFigures, figureValues, type QualityFigure } from './quality/figures';
import { readPreviousRecord, saveRecord } from './quality/history';
import { QUALITY_PROVIDERS } from './quality/providers';

function describeCommit(repoRoot: string): string | undefined {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

export async function run(ctx: BenchContext): Promise<Record<string, unknown>> {
  process.env.POSETRAIL_MODEL_PATH = path.join(ctx.sharedAssets, 'models');
  const startedAt = new Date().toISOString();
  const previous = readPreviousRecord(ctx.outDir);
  const figures: QualityFigure[] = [];
  const secondsPerProvider: Record<string, number> = {};
  for (const provider of QUALITY_PROVIDERS) {
    const started = performance.now();
    figures.push(...(await provider.measure(ctx)));
    secondsPerProvider[provider.name] = Math.round((performance.now() - started) / 100) / 10;
  }
  const names = figures.map((f) => f.name);
  const repeated = names.filter((name, i) => names.indexOf(name) !== i);
  if (repeated.length) throw new Error(`Quality figures named twice: ${repeated.join(', ')}`);
  const changes = compareFigures(figures, previous?.figures ?? {});
  ctx.log(
    previous
      ? `compared with the run of ${previous.startedAt} (${previous.commit ?? 'commit unknown'})`
      : 'no previous quality run: nothing to compare with',
  );
  for (const line of changeLines(changes, figures)) ctx.log(line);
  const commit = describeCommit(ctx.repoRoot);
  const values = figureValues(figures);
  await saveRecord(ctx.outDir, { startedAt, ...(commit && { commit }), figures: values });
  const regressions = changes.filter((c) => c.worse).map((c) => `${c.name}: ${c.previous} -> ${values[c.name]}`);
  return {
    comparedWith: previous ? { startedAt: previous.startedAt, commit: previous.commit } : null,
    figures: values,
    secondsPerProvider,
    regressions,
  };
}
