import type { Command } from 'commander';
import { evaluate } from '../../../core/eval/evaluate';
import { pairSequences } from '../../../core/eval/pairing';
import { formatReport } from '../../../core/eval/report-table';
import { evaluateCocoFiles } from '../../../core/eval/coco/evaluate-coco';
import { formatCocoReport } from '../../../core/eval/coco/report-text';

interface EvalCommandOptions {
  gt: string;
  pred: string;
  coco?: boolean;
  json?: boolean;
}

/** NaN (a joint that never occurs) is not JSON; it is written as null. */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2);
}

export function register(program: Command): void {
  program
    .command('eval')
    .description(
      'Score poses against ground truth: PoseTrack per-joint AP (PCKh@0.5) and MOTA/MOTP/precision/recall as the official PoseTrack evaluation (poseval), plus IDF1 (IDP/IDR) and HOTA (DetA/AssA) per sequence and overall; or with --coco COCO keypoint AP/AR as pycocotools.',
    )
    .requiredOption(
      '--gt <path>',
      'ground truth: a PoseTrack 2018 or 2017 file or a folder of them; with --coco a COCO keypoint annotation file',
    )
    .requiredOption(
      '--pred <path>',
      'predictions: a file, or a folder holding a file of the same name for each ground-truth file; with --coco a COCO results file',
    )
    .option('--coco', 'COCO keypoint evaluation (OKS AP, AP50, AP75, APm, APl, AR) of a COCO results file')
    .option('--json', 'print the full report as one JSON document')
    .action(async (options: EvalCommandOptions) => {
      // Errors (a missing file, a bad field) carry messages naming the file; the CLI prints them as one line.
      if (options.coco) {
        const report = await evaluateCocoFiles(options.gt, options.pred);
        process.stdout.write(`${options.json ? toJson(report) : formatCocoReport(report)}\n`);
        return;
      }
      const report = await evaluate(await pairSequences(options.gt, options.pred));
      process.stdout.write(`${options.json ? toJson(report) : formatReport(report)}\n`);
    });
}
