/**
 * Line counts of source files as Prettier would write them, for the boundary test's size limit:
 * the limit is a property of the formatted text, so long lines or packed statements cannot hide
 * length. Formats in memory with the repository's own config and writes nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { REPO_ROOT } from './source-imports';

/** Lines in a text, not counting the newline that ends the last one. */
export function countLines(text: string): number {
  return text.replace(/\n$/, '').split('\n').length;
}

const readRepoFile = (file: string): string => readFileSync(path.join(REPO_ROOT, file), 'utf8');

/**
 * Repo-relative files whose text, formatted as that file, has more than `maxLines` lines, as
 * `file: N lines`. `read` gives a file's text (the file on disk unless a test plants one).
 */
export async function filesOverLimit(
  files: readonly string[],
  maxLines: number,
  read = readRepoFile,
): Promise<string[]> {
  const tooLong: string[] = [];
  for (const file of files) {
    const filepath = path.join(REPO_ROOT, file);
    const config = await prettier.resolveConfig(filepath, { editorconfig: false });
    const lines = countLines(await prettier.format(read(file), { ...config, filepath }));
    if (lines > maxLines) tooLong.push(`${file}: ${lines} lines`);
  }
  return tooLong;
}
