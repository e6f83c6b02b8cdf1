import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The scripts that run outside app.asar (electron-builder.yml's asarUnpack: native add-ons must
 * load from real files), and so outside Electron's archive integrity check: the tracking worker,
 * the detector's and the re-ID model's threads it starts, and the device probe. build/build-electron.js records each
 * one's SHA-256 in main's bundle, which lives inside the checked archive, and main verifies the
 * files against it before it starts any of them: a changed script is refused, never run.
 */
export const UNPACKED_SCRIPTS = [
  'tracking-worker.mjs',
  'detector-worker.mjs',
  'reid-worker.mjs',
  'device-probe-child.mjs',
] as const;
export type UnpackedScript = (typeof UNPACKED_SCRIPTS)[number];
export type ScriptHashes = Record<UnpackedScript, string>;

/** Where an unpacked script lies, given the folder main's bundle runs from (inside app.asar when packaged). */
export function unpackedScriptPath(bundleDir: string, script: UnpackedScript): string {
  return path.join(bundleDir, script).replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
}

export function sha256OfFile(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/**
 * Throws unless every unpacked script matches its recorded hash. `hashes` null means the bundle
 * was built without them (running from sources in development), where there is nothing to check.
 */
export function verifyUnpackedScripts(bundleDir: string, hashes: ScriptHashes | null, packaged: boolean): void {
  if (!hashes) {
    if (packaged)
      throw new Error('This build of Posetrail records no checksums for its unpacked scripts; reinstall it.');
    return;
  }
  for (const script of UNPACKED_SCRIPTS) {
    const file = unpackedScriptPath(bundleDir, script);
    let actual: string;
    try {
      actual = sha256OfFile(file);
    } catch (error) {
      throw new Error(
        `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); reinstall Posetrail.`,
      );
    }
    if (actual !== hashes[script])
      throw new Error(
        `${file} was changed after Posetrail was built (SHA-256 ${actual.slice(0, 12)}…, expected ${hashes[script].slice(0, 12)}…); refusing to run it. Reinstall Posetrail.`,
      );
  }
}
