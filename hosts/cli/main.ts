import { Command, CommanderError } from 'commander';
import { CliError, EXIT_FAILURE } from './cli-error';
import { registerCommands } from './commands';

export function buildProgram(): Command {
  const program = new Command('posetrail')
    .description('Track human poses in videos: detection, 17-keypoint pose estimation, identities, PoseTrack export.')
    .version(process.env.npm_package_version ?? '0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerCommands(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI and resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed the message (or the help / version text).
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`posetrail: ${message}\n`);
    if (process.env.POSETRAIL_DEBUG && error instanceof Error) {
      const toolOutput = (error as { toolOutput?: string }).toolOutput;
      if (toolOutput) process.stderr.write(`ffmpeg said: ${toolOutput}\n`);
      process.stderr.write(`${error.stack}\n`);
    }
    return error instanceof CliError ? error.exitCode : EXIT_FAILURE;
  }
}
