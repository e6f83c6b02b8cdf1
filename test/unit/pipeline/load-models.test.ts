import { describe, expect, it } from 'vitest';
import { buildStages } from '../../../core/pipeline/build-stages';
import { resolveTrackOptions } from '../../../core/pipeline/track-options';
import { COCO17 } from '../../../core/keypoints/schema';

const settings = resolveTrackOptions({
  detector: 'det',
  poseModel: 'pose',
  threads: 2,
  minBoxScore: 0.4,
  flipTest: true,
});

/** The run's models loaded by these factories, as the runner loads them. */
function loadModels(warn: (message: string) => void, factories: ReturnType<typeof fakes>['factories']) {
  return buildStages(settings, {
    ...factories,
    loadReidModel: async () => undefined,
    defaultThreads: { detector: 4, pose: 2 },
  }).loadModels(warn);
}

function fakes(options: { detectorFails?: boolean; poseFails?: boolean; poseProvider?: string } = {}) {
  const disposed: string[] = [];
  const calls: object[] = [];
  const model = (id: string, provider: string) => ({
    manifest: { id },
    provider,
    schema: COCO17,
    detect: async () => [],
    estimate: async () => [],
    dispose: async () => {
      disposed.push(id);
    },
  });
  return {
    disposed,
    calls,
    factories: {
      createDetector: async (o: object) => {
        calls.push(o);
        if (options.detectorFails) throw new Error('Model det not found in /models');
        return model('det', 'cpu');
      },
      createPoseEstimator: async (o: object) => {
        calls.push(o);
        if (options.poseFails) throw new Error('Model pose has the wrong input shape');
        return model('pose', options.poseProvider ?? 'cpu');
      },
    },
  };
}

describe('loading the models of a run', () => {
  it('passes the run settings to both factories and disposes both at the end', async () => {
    const { factories, disposed, calls } = fakes();
    const models = await loadModels(() => {}, factories);
    expect(calls).toEqual([
      expect.objectContaining({ model: 'det', device: 'auto', threads: 2, minScore: 0.4 }),
      expect.objectContaining({ model: 'pose', device: 'auto', threads: 2, flipTest: true }),
    ]);
    await models.dispose();
    expect(disposed.sort()).toEqual(['det', 'pose']);
  });

  it('disposes the model that loaded when the other fails, and throws the failure', async () => {
    const first = fakes({ poseFails: true });
    await expect(loadModels(() => {}, first.factories)).rejects.toThrow('Model pose has the wrong input shape');
    expect(first.disposed).toEqual(['det']);
    const second = fakes({ detectorFails: true });
    await expect(loadModels(() => {}, second.factories)).rejects.toThrow('Model det not found in /models');
    expect(second.disposed).toEqual(['pose']);
  });

  it('warns when the two models run on different providers', async () => {
    const warnings: string[] = [];
    const { factories } = fakes({ poseProvider: 'webgpu' });
    await loadModels((w) => warnings.push(w), factories);
    expect(warnings).toEqual(['The detector runs on cpu and the pose model on webgpu.']);
  });
});
