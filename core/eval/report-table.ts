import path from 'node:path';
import type { EvalReport, JointMetric } from './evaluate';
import { EVAL_JOINT_GROUPS } from './joints';
import { formatIdentityScores } from './identity-report';

const cell = (v: number) => (Number.isNaN(v) ? '  n/a' : v.toFixed(1).padStart(5));

function row(label: string, metric: JointMetric): string {
  return [label.padEnd(10), ...EVAL_JOINT_GROUPS.map((g) => cell(metric.perGroup[g.name])), cell(metric.total)].join(' ');
}

/** The result table, in the layout of the official PoseTrack evaluation. */
export function formatReport(report: EvalReport): string {
  const frames = report.sequences.reduce((s, q) => s + q.evaluatedFrames, 0);
  const header = [''.padEnd(10), ...EVAL_JOINT_GROUPS.map((g) => g.name.padStart(5)), 'Total'].join(' ');
  const c = report.motCounts;
  return [
    `${report.sequences.length} sequence(s), ${frames} labelled frame(s) evaluated`,
    '',
    header,
    row('AP', report.ap),
    row('MOTA', report.mota),
    row('MOTP', report.motp),
    row('Precision', report.precision),
    row('Recall', report.recall),
    '',
    `joint events: ${c.objects} ground truth, ${c.detections} matched, ${c.misses} missed, ${c.falsePositives} false positives, ${c.switches} id switches`,
    '',
    ...report.identity.perSequence.map((s, i) => formatIdentityScores(path.basename(report.sequences[i].prediction), s)),
    formatIdentityScores('Total', report.identity.overall),
  ].join('\n');
}
