import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { availableDevices, createSession } from '../../../core/models/onnx';
import { usableDevices } from '../../../core/models/device-probe';
import { SHARED_MODELS_DIR } from '../../helpers/assets';

const POSE_MODEL = path.join(SHARED_MODELS_DIR, 'simplepose_nano_256x192.onnx');

describe('usableDevices', () => {
  it('keeps exactly the listed devices on which a real model gets its own provider', async () => {
    const listed = availableDevices();
    const usable = await usableDevices();
    expect(usable[0]).toBe('cpu');
    for (const device of usable) expect(listed).toContain(device);
    // Every listed device either works (and is kept) or falls back to CPU (and is left out).
    for (const device of listed) {
      const session = await createSession(POSE_MODEL, { device, threads: 1, onWarning: () => {} });
      try {
        expect(session.provider === device, `${device}: got ${session.provider}`).toBe(usable.includes(device));
      } finally {
        await session.dispose();
      }
    }
    expect(await usableDevices()).toBe(usable);
  }, 60_000);
});
