import { describe, expect, it } from 'vitest';
import { API_METHODS, buildApiProxy } from '../../../core/api/channels';
import { registerApiHandlers, type IpcMainLike } from '../../../electron/ipc';
import type { IpcReply } from '../../../electron/ipc-reply';
import { APP_ORIGIN, isTrustedRendererUrl } from '../../../electron/schemes';

type Handler = Parameters<IpcMainLike['handle']>[1];

function setup() {
  const handlers = new Map<string, Handler>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const calls: Array<[string, unknown[]]> = [];
  const api = buildApiProxy(
    async (ref, args) => {
      calls.push([ref.channel, args]);
      if (ref.channel === 'project:undo')
        throw Object.assign(new Error('Nothing to undo in /v.mp4'), { code: 'FAILED_PRECONDITION' });
      return { echoed: args };
    },
    () => () => {},
  );
  const afterCalls: string[] = [];
  const remove = registerApiHandlers(ipcMain, api, {
    isTrustedSender: isTrustedRendererUrl,
    afterCall: (channel) => afterCalls.push(channel),
  });
  const call = (channel: string, args: unknown[], url = `${APP_ORIGIN}/index.html`) =>
    handlers.get(channel)!({ senderFrame: { url } }, ...args) as Promise<IpcReply>;
  return { handlers, calls, call, remove, afterCalls };
}

describe('IPC handlers', () => {
  it('registers exactly one handler per API channel and removes them all', () => {
    const { handlers, remove } = setup();
    expect([...handlers.keys()].sort()).toEqual(API_METHODS.map((ref) => ref.channel).sort());
    remove();
    expect(handlers.size).toBe(0);
  });

  it('validates and forwards good calls', async () => {
    const { call, calls, afterCalls } = setup();
    await expect(call('video:frameImage', ['/v.mp4', 3])).resolves.toEqual({
      ok: true,
      value: { echoed: ['/v.mp4', 3] },
    });
    expect(calls).toEqual([['video:frameImage', ['/v.mp4', 3]]]);
    expect(afterCalls).toEqual(['video:frameImage']);
  });

  it('rejects bad payloads before they reach the service', async () => {
    const { call, calls } = setup();
    const bad = [
      ['video:frameImage', ['/v.mp4', 1.5]],
      ['project:edit', ['/v.mp4', { kind: 'merge', targetId: 1 }]],
      ['exports:run', ['/v.mp4', 'gif', '/out.gif']],
      ['settings:set', [{ threads: -2 }]],
      ['files:list', []],
    ] as const;
    for (const [channel, args] of bad) {
      const reply = await call(channel, [...args]);
      expect(reply.ok, channel).toBe(false);
      expect(reply).toMatchObject({
        error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('Invalid arguments for') },
      });
    }
    expect(calls).toEqual([]);
  });

  it('refuses calls from frames that are not our renderer', async () => {
    const { call, calls } = setup();
    for (const url of ['https://example.com/', 'file:///tmp/x.html', 'posetrail-media://media/?path=/x']) {
      await expect(call('app:info', [], url)).resolves.toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Refused app:info from an untrusted page.' },
      });
    }
    expect(calls).toEqual([]);
  });

  it('returns service errors as data with their code', async () => {
    const { call } = setup();
    await expect(call('project:undo', ['/v.mp4'])).resolves.toEqual({
      ok: false,
      error: { code: 'FAILED_PRECONDITION', message: 'Nothing to undo in /v.mp4' },
    });
  });
});
