import type { CocoKeypointReport } from './evaluate-coco';

const LINES: [keyof CocoKeypointReport, 'AP' | 'AR', string, string][] = [
  ['ap', 'AP', '0.50:0.95', '   all'],
  ['ap50', 'AP', '0.50     ', '   all'],
  ['ap75', 'AP', '0.75     ', '   all'],
  ['apMedium', 'AP', '0.50:0.95', 'medium'],
  ['apLarge', 'AP', '0.50:0.95', ' large'],
  ['ar', 'AR', '0.50:0.95', '   all'],
  ['ar50', 'AR', '0.50     ', '   all'],
  ['ar75', 'AR', '0.75     ', '   all'],
  ['arMedium', 'AR', '0.50:0.95', 'medium'],
  ['arLarge', 'AR', '0.50:0.95', ' large'],
];

/** The summary in pycocotools' `summarize()` layout (OKS in the IoU column, as it prints). */
export function formatCocoReport(report: CocoKeypointReport): string {
  const head = `${report.images} image(s), ${report.groundTruthPeople} ground-truth people, ${report.detections} detection(s)`;
  const lines = LINES.map(([key, kind, iou, area]) => {
    const title = kind === 'AP' ? 'Average Precision' : 'Average Recall';
    return ` ${title.padEnd(18)} (${kind}) @[ IoU=${iou} | area=${area} | maxDets= 20 ] = ${report[key].toFixed(3)}`;
  });
  return [head, ...lines].join('\n');
}
