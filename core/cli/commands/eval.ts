import type { Command } from 'commander';
import { evaluate } from '../../eval/evaluate';
import { pairSequences } from '../../eval/pairing';
import { formatReport } from '../../eval/report-table';

interface EvalCommandOptions {
  gt: string;
  pred: string;
  json?: boolean;
}

/** NaN (a joint that never occurs) is not JSON; it is written as null. */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2);
}

export function register(program: Command): void {
  program
    .command('eval')
    .description('Score tracked poses against PoseTrack ground truth: per-joint AP (PCKh@0.5) and MOTA/MOTP/precision/recall, as the official PoseTrack evaluation, plus IDF1 (IDP/IDR) and HOTA (DetA/AssA) per sequence and overall.')
    .requiredOption('--gt <path>', 'ground-truth PoseTrack 2018 or 2017 file, or a folder of them')
    .requiredOption('--pred <path>', 'prediction file, or a folder holding a file of the same name for each ground-truth file')
    .option('--json', 'print the full report (per joint, per group, totals, event counts) as JSON')
    .action(async (options: EvalCommandOptions) => {
      // Errors (a missing file, a bad field) carry messages naming the file; the CLI prints them as one line.
      const report = await evaluate(await pairSequences(options.gt, options.pred));
      process.stdout.write(`${options.json ? toJson(report) : formatReport(report)}\n`);
    });
}
