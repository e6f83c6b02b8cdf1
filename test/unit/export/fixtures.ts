import { standingPose } from '../../helpers/simulate-tracks';
import type { TrackingResult, VideoInfo } from '../../../core/types';

/** A 5-frame, 25 fps clip "clip.mp4" with frames 1, 2 and 4 processed; two people, COCO-17 keypoints. */
export function makeResult(schema: TrackingResult['schema'] = 'coco17'): TrackingResult {
  const video: VideoInfo = {
    path: '/videos/clip.mp4',
    kind: 'video',
    width: 1280,
    height: 720,
    fps: { num: 25, den: 1 },
    frameCount: 5,
    durationMs: 200,
    codec: 'h264',
    pixelFormat: 'yuv420p',
    rotationDeg: 0,
    variableFrameRate: false,
    frameTimesMs: [0, 40, 80, 120, 160],
  };
  const frames = [1, 2, 4].map((frameIndex) => ({
    frameIndex,
    timestampMs: video.frameTimesMs[frameIndex],
    poses: [
      { ...standingPose(300 + 7.125 * frameIndex, 400, 240, 0.8), trackId: 3, source: 'detector' as const },
      { ...standingPose(900, 380.5, 200, 0.6), trackId: 7, source: 'propagated' as const },
    ],
  }));
  // A joint the model found nothing for: the left wrist of track 7 in frame 2.
  frames[1].poses[1].keypoints[9] = [0, 0, 0];
  return {
    video,
    schema,
    frames,
    models: { detector: 'yolox_nano', pose: 'simplepose_nano' },
    executionProvider: 'cpu',
  };
}
