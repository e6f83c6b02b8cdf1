// Decides whether the compiled CLI in dist/cli/ may run: it must be complete and at least as new
// as every source file it was built from (listed in inputs.json by build/build-cli.js).
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Path of `entryName` (e.g. 'main.mjs') in `buildDir` when the build there is fresh, else null.
 * Stale means: no inputs.json (never built, or a build that failed half-way), the entry missing,
 * a listed source missing, or a listed source modified after the build.
 */
export function freshCompiledEntry(root, buildDir, entryName) {
  try {
    const listPath = path.join(buildDir, 'inputs.json');
    const builtMs = statSync(listPath).mtimeMs;
    const entry = path.join(buildDir, entryName);
    statSync(entry);
    const { inputs } = JSON.parse(readFileSync(listPath, 'utf8'));
    if (!Array.isArray(inputs) || inputs.length === 0) return null;
    for (const input of inputs) {
      if (statSync(path.join(root, input)).mtimeMs > builtMs) return null;
    }
    return entry;
  } catch {
    return null;
  }
}
