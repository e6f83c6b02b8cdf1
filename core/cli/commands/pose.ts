import type { Command } from 'commander';

export function register(program: Command): void {
  program.command('pose').description('(being built)').action(() => {
    throw new Error('posetrail pose is being built');
  });
}
