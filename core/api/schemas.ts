import { z } from 'zod';
import { EXECUTION_DEVICES } from '../devices';
import { EXPORT_FORMATS, RESULT_FORMATS } from '../export-formats';
import { TrackSettingsSchema } from '../settings/run-settings';
import type { ApiDomain, ApiMethod } from './channels';
import type { PoseApi } from './pose-api';
import { ADD_POSES_SCHEMA, AddPersonRequestSchema, RANGE_EDIT_SCHEMAS } from './edit-schemas';

/**
 * zod schemas for the arguments of every PoseApi method, validated on the receiving side of each
 * boundary (Electron IPC handlers and the web host). The table is typed against PoseApi, so a
 * schema that disagrees with the interface, or a missing method, fails to compile.
 */

const MAX_PATH_CHARS = 4096;

export const PathSchema = z
  .string()
  .min(1, 'must be a non-empty path')
  .max(MAX_PATH_CHARS)
  .refine((value) => !value.includes('\0'), 'must not contain NUL characters');

const IdSchema = z.string().min(1).max(200);
const TrackIdSchema = z.number().int().nonnegative();
const FrameIndexSchema = z.number().int().nonnegative();

export const ExecutionDeviceSchema = z.enum(EXECUTION_DEVICES);

export const TrackEditSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rename'), trackId: TrackIdSchema, name: z.string().trim().min(1).max(200) }),
  z.object({ kind: z.literal('delete'), trackId: TrackIdSchema }),
  z.object({ kind: z.literal('setHidden'), trackId: TrackIdSchema, hidden: z.boolean() }),
  z.object({
    kind: z.literal('merge'),
    targetId: TrackIdSchema,
    sourceId: TrackIdSchema,
    overlap: z.enum(['refuse', 'keep-source', 'drop-source']).optional(),
  }),
  z.object({ kind: z.literal('split'), trackId: TrackIdSchema, frameIndex: FrameIndexSchema }),
  z.object({
    kind: z.literal('swap'),
    trackIdA: TrackIdSchema,
    trackIdB: TrackIdSchema,
    frameIndex: FrameIndexSchema,
    toFrameIndex: FrameIndexSchema.optional(),
  }),
  ...RANGE_EDIT_SCHEMAS,
  z.object({ kind: z.literal('unjoin'), trackId: TrackIdSchema, frameIndex: FrameIndexSchema }),
  ADD_POSES_SCHEMA,
]);

export const ExportFormatSchema = z.enum(EXPORT_FORMATS);

/** `overwrite: true` replaces an existing file (EXPORT_EXISTS / ALREADY_EXISTS otherwise); `excludeHidden` leaves hidden tracks out. */
export const ExportOptionsSchema = z
  .object({ overwrite: z.boolean().optional(), excludeHidden: z.boolean().optional() })
  .strict();

const QueueUrlSchema = z
  .string()
  .max(500)
  .regex(/^rediss?:\/\/\S+$/, 'must be a Redis URL such as redis://host:6379 or rediss://… for TLS');

export const BatchOptionsSchema = z.object({
  folder: PathSchema,
  outDir: PathSchema,
  recursive: z.boolean(),
  extensions: z.array(z.string().regex(/^\.?[A-Za-z0-9]{1,10}$/, 'must be a file extension such as mp4')).min(1),
  settings: TrackSettingsSchema,
  format: z.enum(RESULT_FORMATS),
  queueUrl: QueueUrlSchema.optional(),
});

export const SettingsSchema = z.object({
  defaultDevice: ExecutionDeviceSchema,
  threads: z.number().int().min(0).max(256),
  track: TrackSettingsSchema,
  queueUrl: z.union([z.literal(''), QueueUrlSchema]).optional(),
});

const ModelIdSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be a model id such as yolox-nano');

const none = z.tuple([]);

type ArgsOf<F> = F extends (...args: infer A) => unknown ? A : never;

type ArgsSchemaTable = {
  [D in ApiDomain]: { [M in ApiMethod<D>]: z.ZodType<ArgsOf<PoseApi[D][M]>> };
};

export const API_ARG_SCHEMAS = {
  app: {
    info: none,
    recentFiles: none,
    pickVideo: none,
    pickFolder: none,
    pickSavePath: z.tuple([PathSchema]),
    showInFolder: z.tuple([PathSchema]),
  },
  files: { list: z.tuple([PathSchema, z.enum(['media', 'model', 'tracks']).optional()]) },
  layers: {
    list: z.tuple([PathSchema]),
    add: z.tuple([PathSchema, PathSchema]),
    remove: z.tuple([PathSchema, PathSchema]),
  },
  video: {
    open: z.tuple([PathSchema]),
    frameImage: z.tuple([PathSchema, FrameIndexSchema]),
  },
  tracking: {
    start: z.tuple([PathSchema, TrackSettingsSchema]),
    cancel: z.tuple([IdSchema]),
    list: none,
  },
  project: {
    load: z.tuple([PathSchema]),
    edit: z.tuple([PathSchema, TrackEditSchema]),
    undo: z.tuple([PathSchema]),
    redo: z.tuple([PathSchema]),
    restorePrevious: z.tuple([PathSchema]),
    importResult: z.tuple([PathSchema, PathSchema]),
    addPerson: z.tuple([PathSchema, AddPersonRequestSchema]),
  },
  exports: { run: z.tuple([PathSchema, ExportFormatSchema, PathSchema, ExportOptionsSchema.optional()]) },
  batch: {
    start: z.tuple([BatchOptionsSchema]),
    cancel: z.tuple([IdSchema]),
  },
  models: {
    list: none,
    download: z.tuple([ModelIdSchema]),
    canFetch: z.tuple([z.array(ModelIdSchema).max(16)]),
    import: z.tuple([PathSchema, ModelIdSchema]),
    estimateSpeed: z.tuple([ExecutionDeviceSchema]),
  },
  settings: {
    get: none,
    set: z.tuple([SettingsSchema.partial()]),
  },
} satisfies ArgsSchemaTable;

/** Formats zod issues as one readable line: `argument 2 (settings.minBoxScore): too big…`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const [index, ...rest] = issue.path;
      const where =
        typeof index === 'number' ? `argument ${index + 1}${rest.length ? ` (${rest.join('.')})` : ''}` : 'arguments';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}
