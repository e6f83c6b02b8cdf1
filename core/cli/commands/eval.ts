import type { Command } from 'commander';

export function register(program: Command): void {
  program.command('eval').description('(being built)').action(() => {
    throw new Error('posetrail eval is being built');
  });
}
