import type { Box, Frame } from '../../types';
import type { DetectViewsOption } from '../../detect/detector';
import type { BoxDetector } from '../types';

/**
 * One result per request, in order: in one call where the detector takes several frames at once
 * (batched on GPUs), else one call per request.
 */
export async function detectRequests(
  detector: BoxDetector,
  requests: readonly ({ frame: Frame } & DetectViewsOption)[],
): Promise<Box[][]> {
  if (requests.length === 0) return [];
  if (requests.length > 1 && detector.detectFrames) return detector.detectFrames(requests);
  const results: Box[][] = [];
  for (const { frame, ...views } of requests) results.push(await detector.detect(frame, views));
  return results;
}
