import { promises as fs } from 'node:fs';
import path from 'node:path';
import { READABLE_POSE_EXTENSIONS } from '../export-formats';
import type { SequencePair } from './prepare-sequence';

async function kind(p: string, flag: string): Promise<'file' | 'dir'> {
  try {
    const stat = await fs.stat(p);
    return stat.isDirectory() ? 'dir' : 'file';
  } catch {
    throw new Error(`${flag} ${p} does not exist.`);
  }
}

/**
 * Pairs ground-truth and prediction files: two files are one pair; two folders pair every
 * pose file (READABLE_POSE_EXTENSIONS) of the ground-truth folder with the same file name in the prediction folder.
 */
export async function pairSequences(groundTruth: string, prediction: string): Promise<SequencePair[]> {
  // One after the other, so that when both are missing the error always names --gt first.
  const gtKind = await kind(groundTruth, '--gt');
  const predKind = await kind(prediction, '--pred');
  if (gtKind !== predKind) {
    throw new Error(
      `--gt ${groundTruth} is a ${gtKind === 'dir' ? 'folder' : 'file'} but --pred ${prediction} is a ${predKind === 'dir' ? 'folder' : 'file'}; give two files or two folders.`,
    );
  }
  if (gtKind === 'file') return [{ groundTruth, prediction }];
  const names = (await fs.readdir(groundTruth))
    .filter((n) => (READABLE_POSE_EXTENSIONS as readonly string[]).includes(path.extname(n).toLowerCase()))
    .sort();
  if (names.length === 0)
    throw new Error(`--gt folder ${groundTruth} has no pose files (${READABLE_POSE_EXTENSIONS.join(', ')}).`);
  const pairs: SequencePair[] = [];
  for (const name of names) {
    const predFile = path.join(prediction, name);
    try {
      await fs.access(predFile);
    } catch {
      throw new Error(`No prediction for ${path.join(groundTruth, name)}: ${predFile} does not exist.`);
    }
    pairs.push({ groundTruth: path.join(groundTruth, name), prediction: predFile });
  }
  return pairs;
}
