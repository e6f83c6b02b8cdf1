import type { Command } from 'commander';

export function register(program: Command): void {
  program.command('serve').description('(being built)').action(() => {
    throw new Error('posetrail serve is being built');
  });
}
