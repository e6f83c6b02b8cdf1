import type { ExecutionDevice } from '../types';
import { chooseModels } from '../models/device-defaults';

/** What app.info tells the Track dialog: the device's default models and the reason. */
export function deviceDefaultModels(usable: readonly ExecutionDevice[]): {
  detector: string;
  poseModel: string;
  reason: string;
} {
  const { detector, poseModel, reason } = chooseModels('auto', usable);
  return { detector, poseModel, reason };
}
