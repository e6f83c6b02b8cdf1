/**
 * Re-ID is on by default where its model is installed; where it is not (offline, --no-download)
 * the run compares colours and says so in one line, and a failed first-use download does the same
 * without stopping the command. Model folders are empty temporary ones; no network is touched
 * (the download is stubbed to fail as offline does).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadReidModel } from '../../../core/pipeline/reid-stage';
import { DEFAULT_REID_MODEL_ID, NO_REID_MODEL } from '../../../core/settings/run-defaults';
import { writeSyntheticReidModel } from '../../helpers/synthetic-reid-model';

vi.mock('../../../core/models/store', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../core/models/store')>();
  return {
    ...actual,
    downloadModel: vi.fn(async () => {
      throw new Error('getaddrinfo ENOTFOUND huggingface.co');
    }),
  };
});

let dir: string;
const saved = { store: process.env.POSETRAIL_MODELS_DIR, search: process.env.POSETRAIL_MODEL_PATH };
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'posetrail-reid-default-'));
  process.env.POSETRAIL_MODELS_DIR = path.join(dir, 'store');
  process.env.POSETRAIL_MODEL_PATH = path.join(dir, 'search');
});
afterEach(async () => {
  for (const [key, value] of [
    ['POSETRAIL_MODELS_DIR', saved.store],
    ['POSETRAIL_MODEL_PATH', saved.search],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await rm(dir, { recursive: true, force: true });
});

describe('the default re-ID model', () => {
  it('is used where installed', async () => {
    await writeSyntheticReidModel(path.join(dir, 'search'));
    const warnings: string[] = [];
    const embedder = await loadReidModel({
      reidModel: DEFAULT_REID_MODEL_ID,
      device: 'cpu',
      threads: 1,
      onWarning: (m) => warnings.push(m),
    });
    expect(embedder?.manifest.id).toBe(DEFAULT_REID_MODEL_ID);
    expect(warnings).toEqual([]);
    await embedder?.dispose();
  });

  it('not installed: the run compares colours and says so in one line', async () => {
    const warnings: string[] = [];
    expect(
      await loadReidModel({ reidModel: DEFAULT_REID_MODEL_ID, device: 'cpu', onWarning: (m) => warnings.push(m) }),
    ).toBeUndefined();
    expect(warnings).toEqual([
      're-ID model osnet-x0-25-msmt17 is not installed: people are told apart by their colours (`posetrail models download osnet-x0-25-msmt17` installs it).',
    ]);
    await expect(loadReidModel({ reidModel: 'osnet-nope', device: 'cpu', onWarning: () => undefined })).rejects.toThrow(
      'Unknown model "osnet-nope"',
    );
  });

  it('offline on first use: the command goes on by colours with one note; --no-download fetches nothing', async () => {
    const { fetchReidModel } = await import('../../../hosts/cli/fetch-models');
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const options = { download: true, relink: true, stitch: true } as {
      download: boolean;
      relink: boolean;
      stitch: boolean;
      reidModel?: string;
    };
    await fetchReidModel(options, (line) => lines.push(line));
    expect(options.reidModel).toBe(NO_REID_MODEL);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^posetrail: note: re-ID model osnet-x0-25-msmt17 could not be downloaded \(.*ENOTFOUND.*\): people are told apart by their colours/,
    );
    const offline = { download: false, relink: true, stitch: true } as typeof options;
    await fetchReidModel(offline, (line) => lines.push(line));
    expect(offline.reidModel).toBeUndefined();
    expect(lines).toHaveLength(1);
    vi.restoreAllMocks();
  });
});
