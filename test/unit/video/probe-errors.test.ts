import { describe, expect, it } from 'vitest';
import { classifyDecodeFailure, classifyProbeFailure } from '../../../core/video/probe-errors';

// Real ffprobe 5.1 output for each case, as produced on the test fixtures.
const MOOV_MISSING =
  '[mov,mp4,m4a,3gp,3g2,mj2 @ 0x56469fb941c0] moov atom not found\n/x/half.mp4: Invalid data found when processing input\n';
const TEXT_AS_MP4 =
  '[mov,mp4,m4a,3gp,3g2,mj2 @ 0x562ca71251c0] Format mov,mp4,m4a,3gp,3g2,mj2 detected only with low score of 1, misdetection possible!\n[mov,mp4,m4a,3gp,3g2,mj2 @ 0x562ca71251c0] moov atom not found\n/x/text.mp4: Invalid data found when processing input\n';

describe('classifyProbeFailure', () => {
  it('tells a cut-off MP4 (index missing) from a file that is not media at all', () => {
    const truncated = classifyProbeFailure('/x/half.mp4', MOOV_MISSING);
    expect(truncated.code).toBe('TRUNCATED');
    expect(truncated.message).toContain('/x/half.mp4 is truncated');
    expect(truncated.message).toBe(
      '/x/half.mp4 is truncated or incomplete: the data its header describes is missing (an interrupted copy or recording?).',
    );
    expect(truncated.toolOutput).toBe('[mov] moov atom not found | Invalid data found when processing input');
    const text = classifyProbeFailure('/x/text.mp4', TEXT_AS_MP4);
    expect(text.code).toBe('NOT_A_VIDEO');
    expect(text.path).toBe('/x/text.mp4');
    expect(text.message).toBe('/x/text.mp4 is not a video file ffmpeg recognises.');
  });

  it('recognises missing decoders and falls back to CORRUPT, the stderr tail kept aside', () => {
    expect(classifyProbeFailure('/x/a.mkv', 'Unsupported codec with id 0 for input stream 0\n').code).toBe(
      'UNSUPPORTED_CODEC',
    );
    const other = classifyProbeFailure('/x/b.mkv', 'line one\nsomething odd happened\n');
    expect(other.code).toBe('CORRUPT');
    expect(other.message).toBe('/x/b.mkv could not be read as a video: it may be damaged.');
    expect(other.toolOutput).toBe('line one | something odd happened');
  });
});

describe('classifyDecodeFailure', () => {
  it('says how far decoding got', () => {
    const error = classifyDecodeFailure('/x/a.mp4', '[vp9 @ 0x1] Corrupt frame\n', 12, 40);
    expect(error.code).toBe('CORRUPT');
    expect(error.message).toBe('Decoding /x/a.mp4 stopped after 12 of 40 frames: the data there is damaged.');
    expect(classifyDecodeFailure('/x/a.mp4', 'Decoder (codec none) not found for input stream #0:0\n', 0, 5).code).toBe(
      'UNSUPPORTED_CODEC',
    );
    expect(classifyDecodeFailure('/x/a.mp4', '', 3, 5).message).toContain('ffmpeg ended without saying why');
  });
});
