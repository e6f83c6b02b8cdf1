import type { ExecutionDevice } from '../types';
import { chooseModels, type ModelChoice } from '../models/device-defaults';

export interface ModelCliOptions {
  detector?: string;
  poseModel?: string;
  device: ExecutionDevice;
}

/**
 * Fills in the models the user did not name with the defaults for the device (GPU defaults when
 * a GPU provider opens a session here, CPU defaults otherwise) and says which were chosen and why
 * through `log`. Probing GPU providers is skipped when both models are named or the CPU is chosen.
 */
export async function chooseCliModels(
  options: ModelCliOptions,
  log: (line: string) => void,
  usableDevices: () => Promise<ExecutionDevice[]> = probeUsableDevices,
): Promise<ModelChoice> {
  const explicit = { detector: options.detector, poseModel: options.poseModel };
  const leftToDevice = !explicit.detector || !explicit.poseModel;
  const usable = leftToDevice && options.device !== 'cpu' ? await usableDevices() : ['cpu' as const];
  const choice = chooseModels(options.device, usable, explicit);
  if (leftToDevice) log(`posetrail: ${choice.reason}`);
  return choice;
}

async function probeUsableDevices(): Promise<ExecutionDevice[]> {
  const { usableDevices } = await import('../models/device-probe');
  return usableDevices();
}
