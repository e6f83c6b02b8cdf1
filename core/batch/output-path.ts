import path from 'node:path';
import { OUTPUT_SUFFIX, type ResultFormat } from '../export-formats';

/**
 * Where the result of `input` goes: the same relative folder under `outDir` as the video has
 * under `folder`, named after the video's stem (`runs/day1/a.mp4` → `<outDir>/day1/a.posetrack.json`).
 */
export function outputPathFor(
  input: string,
  folder: string,
  outDir: string,
  format: ResultFormat,
  keepExtension = false,
): string {
  const relative = path.relative(path.resolve(folder), path.resolve(input));
  const parsed = path.parse(relative);
  const stem = keepExtension ? parsed.base : parsed.name;
  return path.join(path.resolve(outDir), parsed.dir, `${stem}${OUTPUT_SUFFIX[format]}`);
}

/**
 * Output paths for all the videos of a batch. Videos that would share one output (`a.mp4` and
 * `a.mov` in one folder) keep their extension in the name (`a.mp4.posetrack.json`), so no result
 * overwrites another.
 */
export function assignOutputPaths(
  inputs: readonly string[],
  folder: string,
  outDir: string,
  format: ResultFormat,
): string[] {
  const plain = inputs.map((input) => outputPathFor(input, folder, outDir, format));
  const uses = new Map<string, number>();
  for (const output of plain) uses.set(output, (uses.get(output) ?? 0) + 1);
  return inputs.map((input, i) =>
    uses.get(plain[i])! > 1 ? outputPathFor(input, folder, outDir, format, true) : plain[i],
  );
}
