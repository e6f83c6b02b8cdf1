import { describe, expect, it } from 'vitest';
import { API_METHODS, buildApiProxy, EVENT_CHANNEL, findMethod } from '../../../core/api/channels';
import { API_ARG_SCHEMAS } from '../../../core/api/schemas';
import { dispatchApiCall } from '../../../core/api/dispatch';
import { ApiError, fromErrorData, toErrorData } from '../../../core/api/errors';
import { fromWireJson, toWireJson } from '../../../core/api/wire';
import type { PoseApi } from '../../../core/api/pose-api';

describe('API method table', () => {
  it('lists every PoseApi method once as domain:method, in the same set as the schemas', () => {
    const channels = API_METHODS.map((ref) => ref.channel);
    expect(new Set(channels).size).toBe(channels.length);
    expect(channels).toHaveLength(32);
    expect(channels).toContain('project:addPerson');
    expect(channels).toContain('tracking:list');
    expect(channels).toContain('project:restorePrevious');
    expect(channels).toContain('project:importResult');
    expect(channels).toContain('layers:add');
    expect(channels).toContain('video:frameImage');
    expect(channels).toContain('project:undo');
    expect(channels).toContain('models:estimateSpeed');
    const fromSchemas = Object.entries(API_ARG_SCHEMAS).flatMap(([domain, methods]) =>
      Object.keys(methods).map((m) => `${domain}:${m}`),
    );
    expect([...fromSchemas].sort()).toEqual([...channels].sort());
    expect(channels).not.toContain(EVENT_CHANNEL);
  });

  it('builds a proxy whose methods forward their channel and arguments', async () => {
    const calls: Array<[string, unknown[]]> = [];
    const api = buildApiProxy(
      async (ref, args) => {
        calls.push([ref.channel, args]);
        return 'ok';
      },
      () => () => {},
    );
    await api.project.edit('/v.mp4', { kind: 'delete', trackId: 3 });
    await api.app.info();
    expect(calls).toEqual([
      ['project:edit', ['/v.mp4', { kind: 'delete', trackId: 3 }]],
      ['app:info', []],
    ]);
    expect(Object.isFrozen(api.video)).toBe(true);
  });
});

describe('dispatchApiCall', () => {
  const received: unknown[][] = [];
  const api = buildApiProxy(
    async (_ref, args) => {
      received.push(args);
      return args.length;
    },
    () => () => {},
  ) as PoseApi;

  it('passes validated arguments through', async () => {
    await expect(dispatchApiCall(api, 'video', 'frameImage', ['/a.mp4', 12])).resolves.toBe(2);
    expect(received.at(-1)).toEqual(['/a.mp4', 12]);
  });

  it('rejects bad payloads with a message naming the method, argument and field', async () => {
    await expect(dispatchApiCall(api, 'video', 'frameImage', ['/a.mp4', -1])).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/^Invalid arguments for video\.frameImage: argument 2: .*>=0/),
    });
    await expect(
      dispatchApiCall(api, 'tracking', 'start', [
        '/a.mp4',
        {
          detector: 'x',
          poseModel: 'y',
          device: 'tpu',
          detIntervalFrames: 1,
          minBoxScore: 2,
          minKeypointScore: 0.3,
          flipTest: false,
        },
      ]),
    ).rejects.toThrow(/argument 2 \(device\).*; argument 2 \(minBoxScore\)/);
    await expect(
      dispatchApiCall(api, 'tracking', 'start', [
        '/a.mp4',
        {
          detector: 'x',
          poseModel: 'y',
          device: 'cpu',
          detIntervalFrames: 1,
          minBoxScore: 0.5,
          minKeypointScore: 0.3,
          flipTest: false,
          detectorTiling: '3x2',
        },
      ]),
    ).rejects.toThrow(/argument 2 \(detectorTiling\)/);
    await expect(dispatchApiCall(api, 'project', 'edit', ['/a.mp4', { kind: 'explode', trackId: 1 }])).rejects.toThrow(
      /argument 2 \(kind\)/,
    );
    await expect(dispatchApiCall(api, 'files', 'list', ['/tmp', 'extra'])).rejects.toThrow(
      /Invalid arguments for files\.list/,
    );
    await expect(dispatchApiCall(api, 'files', 'list', { dir: '/tmp' })).rejects.toThrow(
      'expected a JSON array of arguments',
    );
    await expect(dispatchApiCall(api, 'files', 'list', ['bad\0path'])).rejects.toThrow('must not contain NUL');
  });

  it('rejects unknown methods, including inherited object keys', async () => {
    await expect(dispatchApiCall(api, 'video', 'delete', [])).rejects.toMatchObject({
      code: 'UNKNOWN_METHOD',
      message: 'Unknown API method video.delete.',
    });
    await expect(dispatchApiCall(api, 'video', 'constructor', [])).rejects.toMatchObject({ code: 'UNKNOWN_METHOD' });
    await expect(dispatchApiCall(api, '__proto__', 'toString', [])).rejects.toMatchObject({ code: 'UNKNOWN_METHOD' });
    expect(findMethod('onEvent', 'x')).toBeUndefined();
  });
});

describe('error transport', () => {
  it('keeps codes across the boundary and rebuilds real Errors', () => {
    const missing = Object.assign(new Error('ENOENT: no such file, open /x.mp4'), { code: 'ENOENT' });
    const rebuilt = fromErrorData(JSON.parse(JSON.stringify(toErrorData(missing))));
    expect(rebuilt).toBeInstanceOf(Error);
    expect(rebuilt).toMatchObject({ code: 'ENOENT', message: 'ENOENT: no such file, open /x.mp4' });
    expect(toErrorData(new ApiError('FORBIDDEN', 'no'))).toEqual({ code: 'FORBIDDEN', message: 'no' });
    const abort = Object.assign(new Error('Tracking cancelled'), { name: 'AbortError' });
    expect(toErrorData(abort)).toEqual({ code: 'CANCELLED', message: 'Tracking cancelled' });
    expect(toErrorData('plain')).toEqual({ code: 'INTERNAL', message: 'plain' });
  });
});

describe('wire JSON', () => {
  it('round-trips byte arrays (including Buffers) nested in results', () => {
    const bytes = new Uint8Array([0, 1, 254, 255, 128]);
    const text = toWireJson({ image: bytes, nested: [Buffer.from([7, 8])], n: 1 });
    expect(text).toContain('"$bytes"');
    const back = fromWireJson(text) as { image: Uint8Array; nested: Uint8Array[]; n: number };
    expect(back.image).toBeInstanceOf(Uint8Array);
    expect([...back.image]).toEqual([0, 1, 254, 255, 128]);
    expect([...back.nested[0]]).toEqual([7, 8]);
    expect(back.n).toBe(1);
  });

  it('encodes a large frame without overflowing the call stack', () => {
    const big = new Uint8Array(3_000_000).map((_, i) => i % 251);
    const back = fromWireJson(toWireJson(big)) as Uint8Array;
    expect(back.length).toBe(big.length);
    expect(back[2_999_999]).toBe(2_999_999 % 251);
  });
});
