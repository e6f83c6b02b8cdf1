import { describe, expect, it } from 'vitest';
import { ffconcatScript, frameFilters, sequenceDecodeArgs, videoDecodeArgs } from '../../../core/video/decode-args';
import { planRead } from '../../../core/video/read-plan';

const info = {
  path: '/v/a.mp4',
  frameCount: 100,
  width: 640,
  height: 360,
  frameTimesMs: Array.from({ length: 100 }, (_, i) => (i * 1000) / 30),
};

describe('videoDecodeArgs', () => {
  it('decodes the first non-cover-art video stream to packed RGB on stdout, one frame per decoded frame', () => {
    const args = videoDecodeArgs('/v/a.mp4', planRead(info, {}), undefined);
    const joined = args.join(' ');
    expect(joined).toContain('-i /v/a.mp4 -map 0:V:0');
    expect(joined).toContain('-fps_mode passthrough');
    expect(joined).toContain('-frames:v 100');
    expect(joined.endsWith('-c:v rawvideo -pix_fmt rgb24 -f fifo -fifo_format rawvideo -queue_size 3 pipe:1')).toBe(
      true,
    );
    expect(args).not.toContain('-ss');
  });

  it('seeks before the input and selects every stride-th frame before scaling', () => {
    const args = videoDecodeArgs(
      '/v/a.mp4',
      planRead(info, { startFrame: 10, endFrame: 20, stride: 3, scale: { width: 320, height: 180 } }),
      { seconds: 0.3166667, skipFrames: 0 },
    );
    expect(args.indexOf('-ss')).toBeLessThan(args.indexOf('-i'));
    expect(args[args.indexOf('-ss') + 1]).toBe('0.316667');
    expect(args[args.indexOf('-vf') + 1]).toBe("select='not(mod(n-0,3))',scale=320:180");
    expect(args[args.indexOf('-frames:v') + 1]).toBe('4');
  });

  it.skipIf(process.platform === 'win32')(
    'with a downscale, splits the selected frames into the full size on stdout and an area-averaged copy on pipe 3',
    () => {
      const plan = planRead(info, { startFrame: 10, stride: 3, downscale: { width: 160, height: 90 } });
      const args = videoDecodeArgs('/v/a.mp4', plan, { seconds: 0.3, skipFrames: 2 });
      expect(args).not.toContain('-vf');
      expect(args[args.indexOf('-filter_complex') + 1]).toBe(
        "[0:V:0]select='gte(n,2)*not(mod(n-2,3))',split=2[chosen][small];[chosen]scale=640:360[full];[small]scale=160:90:flags=area[downscaled]",
      );
      const joined = args.join(' ');
      expect(joined).toContain('-map [full] -an -sn -dn -fps_mode passthrough -frames:v 30');
      expect(joined).toContain('pipe:1 -map [downscaled] -an -sn -dn -fps_mode passthrough -frames:v 30');
      expect(joined.endsWith('-queue_size 3 pipe:3')).toBe(true);
    },
  );

  it('plans no downscaled copy that would not be smaller than the frame', () => {
    expect(planRead(info, { downscale: { width: 640, height: 360 } }).downscale).toBeUndefined();
    expect(planRead(info, { downscale: { width: 700, height: 100 } }).downscale).toBeUndefined();
  });
});

describe('frameFilters', () => {
  it('always fixes the output size and selects only when needed', () => {
    expect(frameFilters(planRead(info, {}), 0)).toEqual(['scale=640:360']);
    expect(frameFilters(planRead(info, { stride: 2 }), 0)).toEqual(["select='not(mod(n-0,2))'", 'scale=640:360']);
  });

  it('skips frames after a seek, then counts the stride from the first kept frame', () => {
    expect(frameFilters(planRead(info, { startFrame: 5 }), 2)).toEqual(["select='gte(n,2)'", 'scale=640:360']);
    expect(frameFilters(planRead(info, { startFrame: 5, stride: 4 }), 2)).toEqual([
      "select='gte(n,2)*not(mod(n-2,4))'",
      'scale=640:360',
    ]);
  });
});

it('sequences pick frames by file, so their command has no select filter', () => {
  const args = sequenceDecodeArgs(planRead(info, { stride: 2 }));
  expect(args.join(' ')).toContain('-f concat -safe 0 -protocol_whitelist file,pipe -i pipe:0');
  expect(args[args.indexOf('-vf') + 1]).toBe('scale=640:360');
  expect(args[args.indexOf('-frames:v') + 1]).toBe('50');
});

it('ffconcatScript quotes paths, escaping single quotes', () => {
  expect(ffconcatScript(['/a/b c.jpg', "/a/it's.jpg"])).toBe(
    "ffconcat version 1.0\nfile 'file:/a/b c.jpg'\nfile 'file:/a/it'\\''s.jpg'\n",
  );
});
