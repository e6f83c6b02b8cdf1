import { describe, expect, it } from 'vitest';
import { batchIdFor, jobIdFor } from '../../../core/queue/job-data';

describe('job and batch ids', () => {
  const file = {
    input: '/lab/a.mp4',
    output: '/out/a.posetrack.json',
    inputSizeBytes: 1000,
    inputMtimeMs: 1_700_000_000_000.5,
  };

  it('are the same for the same input, size, mtime, output and settings', () => {
    expect(jobIdFor({ ...file }, 'abc')).toBe(jobIdFor(file, 'abc'));
    expect(jobIdFor(file, 'abc')).toMatch(/^video-[0-9a-f]{32}$/);
    expect(batchIdFor('/lab', '/out', 'abc')).toMatch(/^[0-9a-f]{12}$/);
  });

  it('change when any of them changes', () => {
    const ids = new Set([
      jobIdFor(file, 'abc'),
      jobIdFor(file, 'abd'),
      jobIdFor({ ...file, inputSizeBytes: 1001 }, 'abc'),
      jobIdFor({ ...file, inputMtimeMs: file.inputMtimeMs + 1 }, 'abc'),
      jobIdFor({ ...file, input: '/lab/b.mp4' }, 'abc'),
      jobIdFor({ ...file, output: '/out2/a.posetrack.json' }, 'abc'),
    ]);
    expect(ids.size).toBe(6);
  });
});
