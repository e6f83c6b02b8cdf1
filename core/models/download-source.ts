/**
 * Where a model may be downloaded from. A file is only as trustworthy as the check that accepts
 * it: a model whose manifest pins a full SHA-256 may come from any mirror (the hash decides); a
 * model without one (checkpoints named by an 8-hex-digit prefix, 32 bits) is fetched only from its
 * publisher's own https:// address, redirects included, and the store records the SHA-256 it got
 * as the reference for later checks ("checksum recorded at first download").
 */
import path from 'node:path';
import type { ModelManifest } from './manifest';
import { MODEL_PATH_ENV } from './paths';

/** Base URL of a copy of the publishers' files under their own names (a lab's internal server). */
export const MODEL_MIRROR_ENV = 'POSETRAIL_MODEL_MIRROR';

/**
 * The publisher's URL, or the file of the same name under POSETRAIL_MODEL_MIRROR when that is set.
 * Only for models with a full SHA-256 in their manifest (see downloadSource).
 */
export function downloadUrl(publisherUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  const mirror = env[MODEL_MIRROR_ENV]?.trim();
  if (!mirror) return publisherUrl;
  const fileName = path.posix.basename(new URL(publisherUrl).pathname);
  const base = URL.canParse(mirror) ? new URL(mirror.endsWith('/') ? mirror : `${mirror}/`) : null;
  if (!base || !['http:', 'https:'].includes(base.protocol)) {
    throw new Error(
      `${MODEL_MIRROR_ENV} is not an http(s) address: "${mirror}". Set it to the base address of a folder holding the model files, such as http://models.lab.internal/posetrail/ (for a local folder of .onnx files use ${MODEL_PATH_ENV}).`,
    );
  }
  return new URL(fileName, base).href;
}

export function hasFullChecksum(manifest: ModelManifest): boolean {
  return manifest.source.sha256 !== undefined;
}

export interface DownloadSource {
  url: string;
  /** Refuse plain http, in the first request and in every redirect. */
  httpsOnly: boolean;
}

export function downloadSource(manifest: ModelManifest, env: NodeJS.ProcessEnv = process.env): DownloadSource {
  const publisherUrl = manifest.source.url;
  if (!publisherUrl)
    throw new Error(
      `Model ${manifest.id} has no download address; import a copy with \`posetrail models import <file> --as ${manifest.id}\`.`,
    );
  if (hasFullChecksum(manifest)) return { url: downloadUrl(publisherUrl, env), httpsOnly: false };
  if (new URL(publisherUrl).protocol !== 'https:') {
    throw new Error(
      `Model ${manifest.id} has no pinned SHA-256, so it is downloaded only over https from its publisher, and ${publisherUrl} is not https.`,
    );
  }
  // A mirror cannot be checked against a 32-bit prefix: the publisher's own https address is used.
  return { url: publisherUrl, httpsOnly: true };
}

/** How an installed (or future) copy of the model is checked, in words for `models list`. */
export function checksumNote(
  manifest: ModelManifest,
  record: { origin: 'download' | 'import' | 'convert' } | undefined,
): string {
  if (hasFullChecksum(manifest)) return 'pinned in the manifest';
  if (record?.origin === 'import') return 'checksum recorded at import';
  return 'checksum recorded at first download';
}
