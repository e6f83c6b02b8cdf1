import type { Command } from 'commander';
import { register as probe } from './probe';
import { register as detect } from './detect';
import { register as pose } from './pose';
import { register as track } from './track';
import { register as batch } from './batch';
import { register as evaluate } from './eval';
import { register as models } from './models';
import { registerConvert } from './convert';
import { register as serve } from './serve';
import { register as exportResult } from './export';
import { register as worker } from './worker';

/** Every `posetrail` sub-command lives in its own file and registers itself here; command files never import each other. */
export function registerCommands(program: Command): void {
  const modelsWithConvert = (root: Command) => models(root, registerConvert);
  for (const register of [probe, detect, pose, track, batch, evaluate, modelsWithConvert, serve, exportResult, worker])
    register(program);
}
