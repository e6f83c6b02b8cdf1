/**
 * The two PyTorch checkpoints of the RTMPose golden test, put back together at test time so that no
 * weights are committed: torch's own pickles from test/fixtures/rtmpose (make_fixtures.py, storage
 * sections left out) with every storage filled by the script's weight_values.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { numelOf } from '../../core/convert/torch/tensor';
import { seededRandom } from '../../core/util/random';
import { REPO_ROOT } from './assets';
import { fnv1a } from './hrnet-checkpoints';
import { legacyCheckpoint, zipCheckpoint } from './torch-checkpoints';

export const RTMPOSE_FIXTURES = path.join(REPO_ROOT, 'test/fixtures/rtmpose');
export const rtmposeFixtureMeta = JSON.parse(readFileSync(path.join(RTMPOSE_FIXTURES, 'fixtures.json'), 'utf8'));

/** make_fixtures.py's weight_values: the entry `key` row-major, exact in float16. */
export function rtmposeWeightValues(key: string, shape: readonly number[]): number[] {
  const numel = numelOf(shape);
  const leaf = key.slice(key.lastIndexOf('.') + 1);
  if (leaf === 'num_batches_tracked') return new Array<number>(numel).fill(12345);
  const draw = seededRandom((rtmposeFixtureMeta.seed ^ fnv1a(key)) >>> 0);
  const steps = Array.from({ length: numel }, () => Math.floor(draw() * 1024));
  if (key.includes('.bn.')) {
    if (leaf === 'weight') return steps.map((q) => 0.5 + q / 1024);
    if (leaf === 'running_var') return steps.map((q) => 0.5 + q / 512);
    return steps.map((q) => (q - 512) / 2048);
  }
  if (leaf === 'weight') {
    const fanIn = Math.floor(numel / shape[0]);
    const scale = 2 ** Math.floor(Math.log2(Math.sqrt(3 / fanIn)) + 0.5);
    return steps.map((q) => ((2 * q - 1024) / 1024) * scale);
  }
  if (leaf === 'g' || leaf === 'gamma' || leaf === 'scale') return steps.map((q) => 0.5 + q / 1024);
  return steps.map((q) => (q - 512) / 4096);
}

/** Writes the legacy and the zip checkpoint into `dir` and returns their paths. */
export async function writeRtmposeCheckpoints(dir: string): Promise<{ legacy: string; zip: string }> {
  const legacy = path.join(dir, 'rtmpose_tiny_legacy.pth');
  const zip = path.join(dir, 'rtmpose_tiny_zip.pth');
  const { pickles } = rtmposeFixtureMeta.checkpoints.legacy;
  const { dataPkl, archive, version } = rtmposeFixtureMeta.checkpoints.zip;
  await writeFile(legacy, legacyCheckpoint(path.join(RTMPOSE_FIXTURES, pickles), rtmposeWeightValues));
  const zipPath = path.join(RTMPOSE_FIXTURES, dataPkl);
  await writeFile(zip, zipCheckpoint({ dataPklPath: zipPath, archive, version }, rtmposeWeightValues));
  return { legacy, zip };
}
