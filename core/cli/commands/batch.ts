import type { Command } from 'commander';

export function register(program: Command): void {
  program.command('batch').description('(being built)').action(() => {
    throw new Error('posetrail batch is being built');
  });
}
