/**
 * The model manifests shipped with Posetrail (models/*.json), validated once and looked up by id.
 *
 * The JSON files are imported statically rather than read from disk at run time, so the same list
 * works under tsx, Vitest and the bundled desktop app without locating a `models/` folder.
 */
import { ModelManifestSchema, type ModelManifest } from './manifest';
import hrnetW32Coco256x192 from '../../models/hrnet-w32-coco-256x192.json';
import hrnetW32Coco384x288 from '../../models/hrnet-w32-coco-384x288.json';
import hrnetW48Coco256x192 from '../../models/hrnet-w48-coco-256x192.json';
import hrnetW48Coco384x288 from '../../models/hrnet-w48-coco-384x288.json';
import osnetX025Msmt17 from '../../models/osnet-x0-25-msmt17.json';
import rtmdetNano from '../../models/rtmdet-nano.json';
import rtmposeTCoco256x192 from '../../models/rtmpose-t-coco-256x192.json';
import rtmposeSCoco256x192 from '../../models/rtmpose-s-coco-256x192.json';
import rtmposeMCoco256x192 from '../../models/rtmpose-m-coco-256x192.json';
import rtmposeLCoco256x192 from '../../models/rtmpose-l-coco-256x192.json';
import rtmposeMCoco384x288 from '../../models/rtmpose-m-coco-384x288.json';
import rtmposeLCoco384x288 from '../../models/rtmpose-l-coco-384x288.json';
import simpleposeNano from '../../models/simplepose-nano.json';
import yoloxNano from '../../models/yolox-nano.json';
import yoloxNano416 from '../../models/yolox-nano-416.json';
import yoloxS from '../../models/yolox-s.json';
import yoloxTiny from '../../models/yolox-tiny.json';

/** Raw manifests keyed by the file they came from, so a validation error can name the file. */
const RAW_MANIFESTS: Record<string, unknown> = {
  'yolox-nano.json': yoloxNano,
  'yolox-tiny.json': yoloxTiny,
  'yolox-s.json': yoloxS,
  'yolox-nano-416.json': yoloxNano416,
  'rtmdet-nano.json': rtmdetNano,
  'simplepose-nano.json': simpleposeNano,
  'hrnet-w32-coco-256x192.json': hrnetW32Coco256x192,
  'hrnet-w32-coco-384x288.json': hrnetW32Coco384x288,
  'hrnet-w48-coco-256x192.json': hrnetW48Coco256x192,
  'hrnet-w48-coco-384x288.json': hrnetW48Coco384x288,
  'rtmpose-t-coco-256x192.json': rtmposeTCoco256x192,
  'rtmpose-s-coco-256x192.json': rtmposeSCoco256x192,
  'rtmpose-m-coco-256x192.json': rtmposeMCoco256x192,
  'rtmpose-l-coco-256x192.json': rtmposeLCoco256x192,
  'rtmpose-m-coco-384x288.json': rtmposeMCoco384x288,
  'rtmpose-l-coco-384x288.json': rtmposeLCoco384x288,
  'osnet-x0-25-msmt17.json': osnetX025Msmt17,
};

/** Parses one manifest; the error names the file and every invalid field. */
export function parseManifest(raw: unknown, fileName: string): ModelManifest {
  const result = ModelManifestSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`Invalid model manifest models/${fileName}: ${problems.join('; ')}.`);
  }
  const manifest = result.data;
  if (`${manifest.id}.json` !== fileName) {
    throw new Error(`Invalid model manifest models/${fileName}: id "${manifest.id}" does not match the file name.`);
  }
  const { source } = manifest;
  if (!source.url && !source.localImportOnly) {
    throw new Error(
      `Invalid model manifest models/${fileName}: a model without source.url must set source.localImportOnly.`,
    );
  }
  if (source.format === 'pytorch-checkpoint' && !manifest.convert) {
    throw new Error(`Invalid model manifest models/${fileName}: a pytorch-checkpoint source needs convert.arch.`);
  }
  if (
    manifest.task === 'person-reid' &&
    (manifest.output.decoder !== 'embedding' || manifest.input.resize !== 'stretch')
  ) {
    throw new Error(
      `Invalid model manifest models/${fileName}: a person-reid model needs output.decoder "embedding" and input.resize "stretch".`,
    );
  }
  const decoder = manifest.output.decoder;
  if (manifest.task === 'pose-topdown-heatmap' && decoder !== 'heatmap' && decoder !== 'simcc') {
    throw new Error(
      `Invalid model manifest models/${fileName}: a top-down pose model needs output.decoder "heatmap" or "simcc".`,
    );
  }
  if (decoder === 'heatmap' && (!manifest.output.heatmapSize || !manifest.keypointSchema)) {
    throw new Error(
      `Invalid model manifest models/${fileName}: a heatmap pose model needs output.heatmapSize and keypointSchema.`,
    );
  }
  if (
    decoder === 'simcc' &&
    (!manifest.output.splitRatio || !manifest.keypointSchema || manifest.output.names.length !== 2)
  ) {
    throw new Error(
      `Invalid model manifest models/${fileName}: a SimCC pose model needs output.splitRatio, keypointSchema and two output.names (x, y).`,
    );
  }
  return manifest;
}

let cache: ModelManifest[] | null = null;

/** All shipped manifests, validated, in a stable order (detectors, pose models, then re-ID models). */
export function listManifests(): ModelManifest[] {
  cache ??= Object.entries(RAW_MANIFESTS).map(([file, raw]) => parseManifest(raw, file));
  return cache;
}

/** The file names the registry loads, for the test that checks none in models/ is forgotten. */
export function manifestFileNames(): string[] {
  return Object.keys(RAW_MANIFESTS);
}

export function findManifest(id: string): ModelManifest | undefined {
  return listManifests().find((m) => m.id === id);
}

export function getManifest(id: string): ModelManifest {
  const manifest = findManifest(id);
  if (!manifest) {
    throw new Error(
      `Unknown model "${id}". Known models: ${listManifests()
        .map((m) => m.id)
        .join(', ')}.`,
    );
  }
  return manifest;
}
