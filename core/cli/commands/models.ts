import type { Command } from 'commander';

export function register(program: Command): void {
  program.command('models').description('(being built)').action(() => {
    throw new Error('posetrail models is being built');
  });
}
