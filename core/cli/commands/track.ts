import type { Command } from 'commander';

export function register(program: Command): void {
  program.command('track').description('(being built)').action(() => {
    throw new Error('posetrail track is being built');
  });
}
