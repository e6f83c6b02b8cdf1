import type { ExportFormat } from '../../../core/api/pose-api';
import { OUTPUT_SUFFIX } from '../../../core/export-formats';

/** The analysis exports the Export dialog offers beside PoseTrack and the long CSV. */
export const ANALYSIS_FORMATS: { id: ExportFormat; label: string; suffix: string; note: string }[] = [
  {
    id: 'csv-wide',
    label: 'CSV (wide)',
    suffix: OUTPUT_SUFFIX['csv-wide'],
    note: 'One row per frame, empty frames included; columns per track × keypoint × x, y, score, flags.',
  },
  {
    id: 'coco',
    label: 'COCO results JSON',
    suffix: OUTPUT_SUFFIX.coco,
    note: '[{image_id, category_id, keypoints, score}] for pycocotools; image_id = frame.',
  },
  {
    id: 'analysis-csv',
    label: 'Angles and speeds CSV',
    suffix: OUTPUT_SUFFIX['analysis-csv'],
    note: 'Joint angles (elbows, shoulders, hips, knees) and keypoint speeds per track and frame.',
  },
  {
    id: 'sleap-analysis',
    label: 'SLEAP analysis HDF5',
    suffix: OUTPUT_SUFFIX['sleap-analysis'],
    note: "SLEAP's Export Analysis HDF5 layout (tracks, scores, node and track names); flags and boxes are left out.",
  },
  {
    id: 'nwb',
    label: 'NWB (ndx-pose)',
    suffix: OUTPUT_SUFFIX.nwb,
    note: 'One PoseEstimation per track, one series per keypoint (pixels, confidence, seconds); for pynwb and DANDI. Flags, boxes and pose scores are left out.',
  },
  {
    id: 'dlc',
    label: 'DeepLabCut CSV',
    suffix: OUTPUT_SUFFIX.dlc,
    note: 'Multi-animal table: scorer / individuals / bodyparts / coords (x, y, likelihood), one row per frame.',
  },
];
