import { readPoseDocument } from '../export/read';
import { MAX_TRACK_ID_EXCLUSIVE } from '../export/schemas/posetrack18';
import { dropIgnored, toEvalFrames, type EvalPerson } from './eval-sequence';

export interface SequencePair {
  groundTruth: string;
  prediction: string;
}

/** One evaluated frame: both sides after ignore regions were applied. */
export interface PreparedFrame {
  /** Index of the frame in the file. */
  frameIndex: number;
  name: string;
  groundTruth: EvalPerson[];
  predictions: EvalPerson[];
}

export interface PreparedSequence extends SequencePair {
  /** Frames in the files. */
  frameCount: number;
  /** The frames the evaluation looks at, in file order. */
  frames: PreparedFrame[];
}

/**
 * Reads a ground-truth/prediction pair and keeps what the official PoseTrack evaluation (poseval)
 * scores: the frames whose ground truth lists at least one person (unlabelled frames list none),
 * with points strictly inside the ground truth's ignore regions dropped from both sides. Every
 * metric (AP, MOT, and any other per-sequence metric) starts from these frames.
 */
export async function prepareSequence(pair: SequencePair): Promise<PreparedSequence> {
  // Read in turn: when both files are bad, the error always names the ground truth first.
  const gtDoc = await readPoseDocument(pair.groundTruth);
  const predDoc = await readPoseDocument(pair.prediction);
  const gtFrames = toEvalFrames(gtDoc, 'ground truth');
  const predFrames = toEvalFrames(predDoc, 'prediction');
  if (gtFrames.length !== predFrames.length) {
    throw new Error(
      `${pair.prediction}: ${predFrames.length} frames, but the ground truth ${pair.groundTruth} has ${gtFrames.length}; a prediction needs one entry per frame.`,
    );
  }
  checkTrackIds(
    pair.prediction,
    predFrames.map((f) => f.people.map((p) => p.trackId)),
  );
  const labelled = gtDoc.frames.flatMap((frame, i) => (frame.people.length > 0 ? [i] : []));
  const frames = labelled.map((frameIndex): PreparedFrame => {
    const regions = gtFrames[frameIndex].ignoreRegions;
    return {
      frameIndex,
      name: gtFrames[frameIndex].name,
      groundTruth: dropIgnored(gtFrames[frameIndex].people, regions),
      predictions: dropIgnored(predFrames[frameIndex].people, regions),
    };
  });
  return { ...pair, frameCount: gtFrames.length, frames };
}

function checkTrackIds(file: string, idsPerFrame: number[][]): void {
  idsPerFrame.forEach((ids, f) => {
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate !== undefined)
      throw new Error(`${file}: frame ${f} has track id ${duplicate} twice; ids must be unique per frame.`);
    const tooLarge = ids.find((id) => id >= MAX_TRACK_ID_EXCLUSIVE);
    if (tooLarge !== undefined)
      throw new Error(
        `${file}: frame ${f} has track id ${tooLarge}; PoseTrack ids must be below ${MAX_TRACK_ID_EXCLUSIVE}.`,
      );
  });
}
