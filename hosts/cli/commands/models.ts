import type { Command } from 'commander';
import { CliError, EXIT_USAGE } from '../cli-error';
import { formatSize, withProgress } from '../progress';
import { getManifest, listManifests } from '../../../core/models/registry';
import {
  downloadModel,
  importModel,
  listModelEntries,
  modelSearchDirs,
  modelStoreDir,
  verifyModels,
} from '../../../core/models/store';
import { checksumNote } from '../../../core/models/download-source';
import { readStoreIndex } from '../../../core/models/store-index';

/** Rows padded into columns, for a terminal. */
function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  '))
    .join('\n');
}

/** Unknown ids are a usage error: say which ids exist. */
function checkId(id: string): void {
  try {
    getManifest(id);
  } catch (error) {
    throw new CliError((error as Error).message, EXIT_USAGE);
  }
}

async function list(opts: { json?: boolean }): Promise<void> {
  const entries = await listModelEntries();
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    return;
  }
  const records = await readStoreIndex(modelStoreDir());
  const rows = [['ID', 'TASK', 'INSTALLED', 'SIZE', 'CHECKSUM', 'WHERE']];
  for (const e of entries) {
    const where = e.path ?? (e.downloadable ? '(download available)' : '(import only)');
    rows.push([
      e.id,
      e.task,
      e.installed ? 'yes' : 'no',
      formatSize(e.sizeBytes),
      checksumNote(getManifest(e.id), records[e.id]),
      where,
    ]);
  }
  const searched = modelSearchDirs();
  process.stdout.write(
    `${table(rows)}\n\nStore: ${modelStoreDir()}${searched.length ? `\nAlso searched: ${searched.join(', ')}` : ''}\n`,
  );
}

async function verify(ids: string[], opts: { json?: boolean }): Promise<void> {
  ids.forEach(checkId);
  const statuses = (await verifyModels(ids.length ? ids : undefined)).filter(
    (s) => ids.length > 0 || s.status !== 'not-installed',
  );
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(statuses, null, 2)}\n`);
  } else if (statuses.length === 0) {
    process.stdout.write('No models are installed.\n');
  } else {
    process.stdout.write(
      `${table([['ID', 'STATUS', 'PATH', 'DETAIL'], ...statuses.map((s) => [s.id, s.status, s.path ?? '-', s.detail])])}\n`,
    );
  }
  const bad = statuses.filter((s) => s.status !== 'ok');
  if (bad.length > 0)
    throw new CliError(
      `${bad.length} model${bad.length > 1 ? 's' : ''} failed verification: ${bad.map((s) => `${s.id} (${s.status})`).join(', ')}.`,
    );
}

/** `models` and its sub-commands; `addConvert` adds `convert` (the converter's own command file). */
export function register(program: Command, addConvert?: (models: Command) => unknown): void {
  const models = program
    .command('models')
    .description('List, download, import and verify the detector and pose models.');
  const ids = listManifests()
    .map((m) => m.id)
    .join(', ');

  models
    .command('list')
    .description('Show every known model, whether it is installed, its size and where it is.')
    .option('--json', 'print JSON')
    .action(list);

  models
    .command('download')
    .description(`Download a model into the store (with progress, resume and checksum). Ids: ${ids}.`)
    .argument('<id>', 'model id')
    .action(async (id: string) => {
      checkId(id);
      const file = await withProgress(`Downloading ${id}`, (onProgress, signal) =>
        downloadModel(id, { onProgress, signal }),
      );
      process.stdout.write(`Installed ${id}: ${file}\n`);
    });

  models
    .command('import')
    .description('Copy a local model file into the store after checking its checksum and shapes.')
    .argument('<file>', 'an .onnx file (or a .pth checkpoint for HRNet and RTMPose models)')
    .requiredOption('--as <id>', 'the model id the file is')
    .action(async (file: string, opts: { as: string }) => {
      checkId(opts.as);
      const dest = await withProgress(`Importing ${opts.as}`, (onProgress) =>
        importModel(file, opts.as, { onProgress }),
      );
      process.stdout.write(`Imported ${file} as ${opts.as}: ${dest}\n`);
    });

  // convert (checkpoint → ONNX, into the store or a file) is defined in its own command file.
  addConvert?.(models);

  models
    .command('verify')
    .description('Check installed models: checksum, then inputs/outputs against their manifests.')
    .argument('[ids...]', 'only these models (default: every installed one)')
    .option('--json', 'print JSON')
    .action(verify);

  for (const command of models.commands) command.exitOverride();
  models.exitOverride();
}
