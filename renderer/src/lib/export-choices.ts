import type { ExportFormat } from '../../../core/api/pose-api';
import { OUTPUT_SUFFIX } from '../../../core/export-formats';
import { ANALYSIS_FORMATS } from './analysis-formats';

export interface ExportChoice {
  id: ExportFormat;
  label: string;
  suffix: string;
  note: string;
}

/** The formats the Export dialog offers, in its order, with the file suffix each writes. */
export const EXPORT_CHOICES: ExportChoice[] = [
  {
    id: 'posetrack18',
    label: 'PoseTrack 2018 JSON',
    suffix: OUTPUT_SUFFIX.posetrack18,
    note: 'COCO-style; what the PoseTrack evaluation reads.',
  },
  {
    id: 'posetrack17',
    label: 'PoseTrack 2017 JSON',
    suffix: OUTPUT_SUFFIX.posetrack17,
    note: 'The older "annolist" layout.',
  },
  {
    id: 'csv',
    label: 'CSV (long form)',
    suffix: OUTPUT_SUFFIX.csv,
    note: 'frame, time_ms, track_id, keypoint, x, y, score, flags — for spreadsheets and pandas.',
  },
  ...ANALYSIS_FORMATS,
  {
    id: 'overlay-video',
    label: 'Overlay video (MP4)',
    suffix: OUTPUT_SUFFIX['overlay-video'],
    note: 'The video with skeletons drawn in, for sharing.',
  },
];
