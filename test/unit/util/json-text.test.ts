import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonErrorOffset, parseJsonText } from '../../../core/util/json-text';
import { readTrackingResult } from '../../../core/export/read';
import { readProjectFile } from '../../../core/project/project-file';
import { readCocoGroundTruth } from '../../../core/eval/coco/coco-files';
import { parseSafetensors } from '../../../core/convert/safetensors';
import { realCorePorts } from '../../../core/service/core-ports';
import { createPoseService } from '../../../core/service/service';
import type { VideoInfo } from '../../../core/types';

/**
 * Issue 25, item 10: opening any readable file as JSON answered with V8's message, which quotes
 * the file's first characters (`Unexpected token 'r', "root:*:202"...` for /etc/shadow). Errors
 * now name the file and the line and column, never the content.
 */

const SECRET = 'root:*:20230:0:99999:7:::\ndaemon:*:20230:0:99999:7:::\n';
let dir: string;
let secretFile: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-json-text-'));
  secretFile = path.join(dir, 'shadow');
  await fs.writeFile(secretFile, SECRET);
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const noContent = (message: string) => {
  expect(message).not.toMatch(/root|daemon|99999/);
};

describe('JSON errors without file content', () => {
  it('names the file and the position for each reader, and quotes nothing', async () => {
    const messages = await Promise.all([
      readTrackingResult(secretFile).catch((error: Error) => error.message),
      readProjectFile(secretFile).catch((error: Error) => error.message),
      readCocoGroundTruth(secretFile).catch((error: Error) => error.message),
    ]);
    expect(messages).toEqual([
      `${secretFile} is not valid JSON (unexpected character at line 1, column 1).`,
      `Project file ${secretFile} is not valid JSON (unexpected character at line 1, column 1).`,
      `${secretFile} is not valid JSON (unexpected character at line 1, column 1).`,
    ]);
    const header = new TextEncoder().encode('{"a": root:*:2023}');
    const bytes = new Uint8Array(8 + header.length);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(header.length), true);
    bytes.set(header, 8);
    expect(() => parseSafetensors(bytes, 'w.safetensors')).toThrow(
      'w.safetensors: the safetensors header is not valid JSON (unexpected character at line 1, column 7).',
    );
  });

  it('keeps content out of the API error when a layer file is not JSON', async () => {
    const info = { path: '', width: 64, height: 48, fps: 25, frameCount: 5 } as unknown as VideoInfo;
    const service = createPoseService({
      host: 'web',
      version: 'test',
      configDir: path.join(dir, 'config'),
      dataDir: path.join(dir, 'data'),
      mediaUrlFor: async (file) => file,
      core: {
        ...realCorePorts,
        probeVideo: async (file) => ({ ...info, path: file }),
        availableDevices: async () => ['cpu'],
      },
    });
    const error = await service.layers.add(path.join(dir, 'video.mp4'), secretFile).catch((caught: Error) => caught);
    expect((error as Error).message).toContain(
      `${secretFile} is not valid JSON (unexpected character at line 1, column 1)`,
    );
    noContent((error as Error).message);
    await service.dispose();
  });

  it('finds the line and column of the first bad character', () => {
    expect(() => parseJsonText('{\n  "a": [1, 2,\n  ]\n}', 'x.json')).toThrow(
      'x.json is not valid JSON (unexpected character at line 3, column 3).',
    );
    expect(() => parseJsonText('{"a": "b"', 'x.json')).toThrow(
      'x.json is not valid JSON (ends early at line 1, column 10).',
    );
    expect(() => parseJsonText('  \n', 'x.json')).toThrow('x.json is not valid JSON (the file is empty).');
    expect(() => parseJsonText('[1] 2', 'x.json')).toThrow(
      'x.json is not valid JSON (unexpected character at line 1, column 5).',
    );
  });

  it('agrees with JSON.parse on what is valid (bounded fuzz)', () => {
    const pieces = [
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"a"',
      '"\\u00e9"',
      '"\\x"',
      '1',
      '-0.5e3',
      '01',
      'true',
      'nul',
      ' ',
      '\n',
      '"',
      '\\',
    ];
    let state = 12345;
    const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let disagreements = 0;
    for (let round = 0; round < 3000; round += 1) {
      const text = Array.from(
        { length: 1 + Math.floor(random() * 8) },
        () => pieces[Math.floor(random() * pieces.length)],
      ).join('');
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      if (valid !== (jsonErrorOffset(text) === -1)) disagreements += 1;
    }
    expect(disagreements).toBe(0);
    expect(jsonErrorOffset(JSON.stringify({ a: [1, { b: 'c\n"' }], d: null, e: -1.5e-3 }))).toBe(-1);
  });
});
