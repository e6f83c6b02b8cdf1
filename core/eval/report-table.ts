import path from 'node:path';
import type { EvalReport, JointMetric } from './evaluate';
import { EVAL_JOINT_GROUPS } from './joints';
import { formatIdentityScores } from './identity-report';

/** A cell as poseval writes it: one decimal, right-aligned in 5 characters, then the delimiter. */
const cell = (v: number, delimiter: string) => (Number.isNaN(v) ? 'nan' : v.toFixed(1)).padStart(5) + delimiter;

function row(values: number[]): string {
  return `&${values.map((v, i) => cell(v, i === values.length - 1 ? ' \\\\' : ' &')).join('')}`;
}

const groups = (m: JointMetric) => [...EVAL_JOINT_GROUPS.map((g) => m.perGroup[g.name]), m.total];

const AP_HEADER = '& Head & Shou & Elb  & Wri  & Hip  & Knee & Ankl & Total\\\\';
const MOT_HEADER = [
  '& MOTA & MOTA & MOTA & MOTA & MOTA & MOTA & MOTA & MOTA & MOTP & Prec & Rec  \\\\',
  '& Head & Shou & Elb  & Wri  & Hip  & Knee & Ankl & Total& Total& Total& Total\\\\',
];

/** The result tables, line for line in the layout the official PoseTrack evaluation prints. */
export function formatReport(report: EvalReport): string {
  const frames = report.sequences.reduce((s, q) => s + q.evaluatedFrames, 0);
  const c = report.motCounts;
  return [
    `${report.sequences.length} sequence(s), ${frames} labelled frame(s) evaluated`,
    'Average Precision (AP) metric:',
    AP_HEADER,
    row(groups(report.ap)),
    'Multiple Object Tracking (MOT) metrics:',
    ...MOT_HEADER,
    row([...groups(report.mota), report.motp.total, report.precision.total, report.recall.total]),
    `joint events: ${c.objects} ground truth, ${c.detections} matched, ${c.misses} missed, ${c.falsePositives} false positives, ${c.switches} id switches`,
    '',
    ...report.identity.perSequence.map((s, i) =>
      formatIdentityScores(path.basename(report.sequences[i].prediction), s),
    ),
    formatIdentityScores('Total', report.identity.overall),
  ].join('\n');
}
