/**
 * The two PyTorch checkpoints of the HRNet golden test, put back together at test time so that no
 * weights are committed: torch's own pickles from test/fixtures/hrnet (written by
 * build/scripts/make-hrnet-fixtures.py, storage sections left out) with every storage filled from
 * the seed, by the same formula as the script's weight_values.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { numelOf } from '../../core/convert/torch/tensor';
import { seededRandom } from '../../core/util/random';
import { REPO_ROOT } from './assets';
import { legacyCheckpoint, zipCheckpoint } from './torch-checkpoints';

export const HRNET_FIXTURES = path.join(REPO_ROOT, 'test/fixtures/hrnet');
export const hrnetFixtureMeta = JSON.parse(readFileSync(path.join(HRNET_FIXTURES, 'fixtures.json'), 'utf8'));

/** The fixture scripts' per-key seed hash. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

/** make-hrnet-fixtures.py's weight_values: the entry `key` (official name) row-major, exact in float16. */
export function hrnetWeightValues(
  key: string,
  shape: readonly number[],
  seed: number = hrnetFixtureMeta.seed,
): number[] {
  const numel = numelOf(shape);
  if (key.endsWith('num_batches_tracked')) return new Array<number>(numel).fill(12345);
  const draw = seededRandom((seed ^ fnv1a(key)) >>> 0);
  const steps = Array.from({ length: numel }, () => Math.floor(draw() * 1024));
  const leaf = key.slice(key.lastIndexOf('.') + 1);
  if (leaf === 'weight' && shape.length === 4) {
    const fanIn = shape[1] * shape[2] * shape[3];
    let scale = 2 ** Math.floor(Math.log2(Math.sqrt(3 / fanIn)) + 0.5);
    if (key.startsWith('final_layer.')) scale /= 32;
    return steps.map((q) => ((2 * q - 1024) / 1024) * scale);
  }
  if (leaf === 'bias' && key.startsWith('final_layer.')) return steps.map((q) => (q - 512) / 4096);
  if (leaf === 'weight') return steps.map((q) => 0.5 + q / 2048);
  if (leaf === 'bias' || leaf === 'running_mean') return steps.map((q) => (q - 512) / 2048);
  if (leaf === 'running_var') return steps.map((q) => 0.5 + q / 1024);
  throw new Error(`no weight formula for ${key}`);
}

/** Writes hrnet_c2_legacy.pth and hrnet_c2_zip.pth into `dir` and returns their paths. */
export async function writeHrnetCheckpoints(dir: string): Promise<{ legacy: string; zip: string }> {
  const legacy = path.join(dir, `hrnet_c${hrnetFixtureMeta.width}_legacy.pth`);
  const zip = path.join(dir, `hrnet_c${hrnetFixtureMeta.width}_zip.pth`);
  const valuesOf = (key: string, shape: readonly number[]) =>
    hrnetWeightValues(key.replace(/^(backbone|keypoint_head)\./, ''), shape);
  const { pickles } = hrnetFixtureMeta.checkpoints.legacy;
  const { dataPkl, archive, version } = hrnetFixtureMeta.checkpoints.zip;
  await writeFile(legacy, legacyCheckpoint(path.join(HRNET_FIXTURES, pickles), valuesOf));
  await writeFile(zip, zipCheckpoint({ dataPklPath: path.join(HRNET_FIXTURES, dataPkl), archive, version }, valuesOf));
  return { legacy, zip };
}
