import { describe, expect, it } from 'vitest';
import { loadModels } from '../../../core/pipeline/load-models';
import { resolveTrackOptions } from '../../../core/pipeline/track-options';
import { COCO17 } from '../../../core/keypoints/schema';

const settings = resolveTrackOptions({ detector: 'det', poseModel: 'pose', threads: 2, minBoxScore: 0.4, flipTest: true });

function fakes(options: { detectorFails?: boolean; poseFails?: boolean; poseProvider?: string } = {}) {
  const disposed: string[] = [];
  const calls: Record<string, unknown>[] = [];
  const model = (id: string, provider: string) => ({
    manifest: { id },
    provider,
    schema: COCO17,
    detect: async () => [],
    estimate: async () => [],
    dispose: async () => { disposed.push(id); },
  });
  return {
    disposed,
    calls,
    factories: {
      createDetector: async (o: Record<string, unknown>) => {
        calls.push(o);
        if (options.detectorFails) throw new Error('Model det not found in /models');
        return model('det', 'cpu');
      },
      createPoseEstimator: async (o: Record<string, unknown>) => {
        calls.push(o);
        if (options.poseFails) throw new Error('Model pose has the wrong input shape');
        return model('pose', options.poseProvider ?? 'cpu');
      },
    },
  };
}

describe('loadModels', () => {
  it('passes the run settings to both factories and disposes both at the end', async () => {
    const { factories, disposed, calls } = fakes();
    const models = await loadModels(settings, () => {}, factories);
    expect(calls).toEqual([
      expect.objectContaining({ model: 'det', device: 'auto', threads: 2, minScore: 0.4 }),
      expect.objectContaining({ model: 'pose', device: 'auto', threads: 2, flipTest: true }),
    ]);
    await models.dispose();
    expect(disposed.sort()).toEqual(['det', 'pose']);
  });

  it('disposes the model that loaded when the other fails, and throws the failure', async () => {
    const first = fakes({ poseFails: true });
    await expect(loadModels(settings, () => {}, first.factories)).rejects.toThrow('Model pose has the wrong input shape');
    expect(first.disposed).toEqual(['det']);
    const second = fakes({ detectorFails: true });
    await expect(loadModels(settings, () => {}, second.factories)).rejects.toThrow('Model det not found in /models');
    expect(second.disposed).toEqual(['pose']);
  });

  it('warns when the two models run on different providers', async () => {
    const warnings: string[] = [];
    const { factories } = fakes({ poseProvider: 'webgpu' });
    await loadModels(settings, (w) => warnings.push(w), factories);
    expect(warnings).toEqual(['The detector runs on cpu and the pose model on webgpu.']);
  });
});
