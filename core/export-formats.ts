/**
 * The export formats, defined once: their names, the file-name suffix each writes by default and
 * the file extension that implies it. The API's type and zod enum, the CLI's `--format` choices,
 * batch output names and `formatFromPath` all derive from this table. No imports: the contract and
 * the renderer read it too.
 */
interface FormatSpec {
  /** `result`: a file of poses written by the export writers; `video`: an overlay video. */
  kind: 'result' | 'video';
  /** Default output name: `<stem><suffix>`. */
  suffix: string;
  /** An output name ending in this extension implies the format; null: give the format by name. */
  impliedByExtension: string | null;
}

const FORMAT_TABLE = {
  posetrack18: { kind: 'result', suffix: '.posetrack.json', impliedByExtension: '.json' },
  posetrack17: { kind: 'result', suffix: '.posetrack17.json', impliedByExtension: null },
  csv: { kind: 'result', suffix: '.poses.csv', impliedByExtension: '.csv' },
  'csv-wide': { kind: 'result', suffix: '.poses-wide.csv', impliedByExtension: null },
  coco: { kind: 'result', suffix: '.coco-results.json', impliedByExtension: null },
  'analysis-csv': { kind: 'result', suffix: '.analysis.csv', impliedByExtension: null },
  'sleap-analysis': { kind: 'result', suffix: '.analysis.h5', impliedByExtension: '.h5' },
  dlc: { kind: 'result', suffix: '.dlc.csv', impliedByExtension: null },
  nwb: { kind: 'result', suffix: '.nwb', impliedByExtension: '.nwb' },
  'overlay-video': { kind: 'video', suffix: '.overlay.mp4', impliedByExtension: null },
} as const satisfies Record<string, FormatSpec>;

/** Everything the app can export, the overlay video included. */
export type ExportFormat = keyof typeof FORMAT_TABLE;
/** The formats that hold the poses themselves (every export format but the overlay video). */
export type ResultFormat = {
  [F in ExportFormat]: (typeof FORMAT_TABLE)[F]['kind'] extends 'result' ? F : never;
}[ExportFormat];

export const EXPORT_FORMATS = Object.keys(FORMAT_TABLE) as [ExportFormat, ...ExportFormat[]];
export const RESULT_FORMATS = EXPORT_FORMATS.filter(
  (format): format is ResultFormat => FORMAT_TABLE[format].kind === 'result',
) as [ResultFormat, ...ResultFormat[]];

/** File-name suffix of each format: `<stem><suffix>`. */
export const OUTPUT_SUFFIX: Readonly<Record<ExportFormat, string>> = Object.fromEntries(
  EXPORT_FORMATS.map((format) => [format, FORMAT_TABLE[format].suffix]),
) as Record<ExportFormat, string>;

/** The result format a file extension (`.json`, lower case, with the dot) implies, or null. */
export function resultFormatForExtension(extension: string): ResultFormat | null {
  return RESULT_FORMATS.find((format) => FORMAT_TABLE[format].impliedByExtension === extension) ?? null;
}

/**
 * Extensions of the pose files Posetrail reads (export input, eval's --gt/--pred, track layers):
 * PoseTrack JSON, SLEAP analysis HDF5, DeepLabCut CSV, NWB with ndx-pose (read only).
 */
export const READABLE_POSE_EXTENSIONS = ['.json', '.h5', '.hdf5', '.csv', '.nwb'] as const;
