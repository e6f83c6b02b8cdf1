import type { Command } from 'commander';

export function register(program: Command): void {
  program.command('probe').description('(being built)').action(() => {
    throw new Error('posetrail probe is being built');
  });
}
