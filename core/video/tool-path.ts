/**
 * Where ffmpeg and ffprobe are: the POSETRAIL_FFMPEG / POSETRAIL_FFPROBE variables, ffmpeg-static's
 * binary, the ffprobe beside a resolved ffmpeg, then PATH; a clear error saying how to install
 * them when none is found.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { VideoError } from './errors';

export type Tool = 'ffmpeg' | 'ffprobe';

/** Environment variables that override the binaries. */
export const TOOL_ENV: Record<Tool, string> = { ffmpeg: 'POSETRAIL_FFMPEG', ffprobe: 'POSETRAIL_FFPROBE' };

export const INSTALL_HINT =
  'Install ffmpeg (Debian/Ubuntu: sudo apt-get install ffmpeg; macOS: brew install ffmpeg; ' +
  'Windows: winget install ffmpeg), or set POSETRAIL_FFMPEG and POSETRAIL_FFPROBE to the binaries.';

export interface ResolvedTool {
  path: string;
  source: 'env' | 'ffmpeg-static' | 'beside-ffmpeg' | 'PATH';
}

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function executableName(name: string): string {
  return process.platform === 'win32' ? `${name}.exe` : name;
}

/** The first executable called `name` on PATH, as an absolute path. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const extensions = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const extension of extensions) {
      const candidate = path.resolve(dir, name + extension);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

/** ffmpeg-static's binary, when its (optional, network-dependent) install step has placed it. */
function ffmpegStaticBinary(): string | undefined {
  try {
    const binary: unknown = createRequire(import.meta.url)('ffmpeg-static');
    return typeof binary === 'string' && isExecutableFile(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

function fromEnv(tool: Tool, env: NodeJS.ProcessEnv): ResolvedTool | undefined {
  const value = env[TOOL_ENV[tool]];
  if (!value) return undefined;
  if (!isExecutableFile(value)) {
    throw new VideoError(
      'FFMPEG_MISSING',
      value,
      `${TOOL_ENV[tool]} is set to ${value}, but no executable file is there. ${INSTALL_HINT}`,
    );
  }
  return { path: path.resolve(value), source: 'env' };
}

/**
 * Finds ffmpeg or ffprobe: the POSETRAIL_* variable → ffmpeg-static's binary (ffprobe: the one
 * beside the resolved ffmpeg) → PATH → a VideoError FFMPEG_MISSING that says how to install one.
 */
export function resolveTool(tool: Tool, env: NodeJS.ProcessEnv = process.env): ResolvedTool {
  const explicit = fromEnv(tool, env);
  if (explicit) return explicit;
  if (tool === 'ffmpeg') {
    const bundled = ffmpegStaticBinary();
    if (bundled) return { path: bundled, source: 'ffmpeg-static' };
  } else {
    let ffmpeg: ResolvedTool | undefined;
    try {
      ffmpeg = resolveTool('ffmpeg', env);
    } catch {
      ffmpeg = undefined;
    }
    const beside = ffmpeg && path.join(path.dirname(ffmpeg.path), executableName('ffprobe'));
    if (beside && isExecutableFile(beside)) return { path: beside, source: 'beside-ffmpeg' };
  }
  const onPath = findOnPath(tool, env);
  if (onPath) return { path: onPath, source: 'PATH' };
  throw new VideoError(
    'FFMPEG_MISSING',
    tool,
    `${tool} was not found (looked at ${TOOL_ENV[tool]}, ffmpeg-static and PATH). ${INSTALL_HINT}`,
  );
}
