/**
 * `loadModel` turns a model id (or a path to a known model file) into a
 * checked, ready session. Detector and pose code use this and never touch the runtime directly.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ExecutionDevice } from '../types';
import type { ModelManifest } from './manifest';
import { createSession, type ModelSession } from './onnx';
import { findManifest, getManifest, listManifests } from './registry';
import { assertSignature } from './signature';
import { reidManifestFromFile } from './reid-signature';
import { resolveModelFile } from './store';
import { openPreferringFp16 } from './fp16-variant';

export interface LoadModelOptions {
  device?: ExecutionDevice;
  threads?: number;
  onWarning?: (m: string) => void;
}

export interface LoadedModel {
  manifest: ModelManifest;
  session: ModelSession;
  path: string;
}

/** An id, or a path whose file name is a known model's file (e.g. …/simplepose_nano_256x192.onnx). */
async function locate(idOrPath: string): Promise<{ manifest: ModelManifest; file: string }> {
  const byId = findManifest(idOrPath);
  if (byId) return { manifest: byId, file: await resolveModelFile(byId.id) };
  const looksLikePath = idOrPath.includes('/') || idOrPath.includes('\\') || idOrPath.endsWith('.onnx');
  if (!looksLikePath) getManifest(idOrPath); // throws "Unknown model … Known models: …"
  const file = path.resolve(idOrPath);
  if (!existsSync(file)) throw new Error(`Model file ${file} does not exist.`);
  const manifest = listManifests().find((m) => m.file === path.basename(file));
  if (!manifest) {
    throw new Error(
      `No model manifest describes ${file}: give a model id (${listManifests()
        .map((m) => m.id)
        .join(', ')}) or import the file with \`posetrail models import ${file} --as <id>\`.`,
    );
  }
  return { manifest, file };
}

/**
 * Resolves, opens and checks a model. Inputs and outputs are compared with the manifest before the
 * first run; a mismatch fails with the model, the expected and the actual shapes.
 */
export async function loadModel(idOrPath: string, opts: LoadModelOptions = {}): Promise<LoadedModel> {
  const located = await locate(idOrPath);
  const { manifest } = located;
  // A GPU provider gets the model's fp16 variant when one is installed beside it.
  const { session, path: file } = await openPreferringFp16(
    located.file,
    { device: opts.device, threads: opts.threads, onWarning: opts.onWarning },
    createSession,
  );
  try {
    // A re-ID model's input and output are whatever its export chose (see reid-signature.ts).
    const checked = manifest.task === 'person-reid' ? reidManifestFromFile(manifest, session, file) : manifest;
    assertSignature(checked, session, file);
    return { manifest: checked, session, path: file };
  } catch (error) {
    await session.dispose();
    throw error;
  }
}
