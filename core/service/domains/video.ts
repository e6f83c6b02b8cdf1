import path from 'node:path';
import type { PoseApi } from '../../api/pose-api';
import { ApiError, ERROR_CODES } from '../../api/errors';
import { isBrowserPlayable } from '../media-files';
import type { ServiceContext } from '../service-context';

export function videoDomain({ deps, core, settings, probe, videoInfos, warn }: ServiceContext): PoseApi['video'] {
  return {
    open: async (videoPath) => {
      const absolute = path.resolve(videoPath);
      videoInfos.delete(absolute);
      const info = await probe(absolute);
      const mediaUrl = await deps.mediaUrlFor(info.kind === 'video' ? absolute : (info.frameFiles?.[0] ?? absolute));
      await settings
        .addRecent(absolute)
        .catch((error: Error) => warn(`Could not update the recent files list: ${error.message}`));
      return { info, mediaUrl, browserPlayable: isBrowserPlayable(info) };
    },
    frameImage: async (videoPath, frameIndex) => {
      const info = await probe(videoPath);
      if (frameIndex >= info.frameCount) {
        throw new ApiError(
          ERROR_CODES.invalidArgument,
          `Frame ${frameIndex} is beyond the end of ${info.path} (${info.frameCount} frames).`,
        );
      }
      return core.frameJpeg(info, frameIndex);
    },
  };
}
