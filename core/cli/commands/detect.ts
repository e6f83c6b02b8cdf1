import type { Command } from 'commander';

export function register(program: Command): void {
  program.command('detect').description('(being built)').action(() => {
    throw new Error('posetrail detect is being built');
  });
}
