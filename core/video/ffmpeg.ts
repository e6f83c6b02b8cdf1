/**
 * A small typed wrapper over child_process for ffmpeg and ffprobe: binary resolution, spawning,
 * stderr capture, exit handling and cancellation. fluent-ffmpeg is deliberately not used: it was
 * archived and deprecated in 2025, and what we need fits in this file.
 *
 * Lifetime guarantee: every process started here is registered until it has exited; `stop()`
 * kills it and waits until the OS has reaped it, an AbortSignal does the same, and when the Node
 * process exits all remaining children are killed, so no ffmpeg outlives its consumer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { VideoError, cancelledError } from './errors';

export type Tool = 'ffmpeg' | 'ffprobe';

/** Environment variables that override the binaries. */
export const TOOL_ENV: Record<Tool, string> = { ffmpeg: 'POSETRAIL_FFMPEG', ffprobe: 'POSETRAIL_FFPROBE' };

export const INSTALL_HINT =
  'Install ffmpeg (Debian/Ubuntu: sudo apt-get install ffmpeg; macOS: brew install ffmpeg; ' +
  'Windows: winget install ffmpeg), or set POSETRAIL_FFMPEG and POSETRAIL_FFPROBE to the binaries.';

/** How much of a child's stderr is kept for error messages (the tail is what matters). */
const STDERR_KEEP_CHARS = 64 * 1024;

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
    throw new VideoError('FFMPEG_MISSING', value, `${TOOL_ENV[tool]} is set to ${value}, but no executable file is there. ${INSTALL_HINT}`);
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
  throw new VideoError('FFMPEG_MISSING', tool, `${tool} was not found (looked at ${TOOL_ENV[tool]}, ffmpeg-static and PATH). ${INSTALL_HINT}`);
}

/**
 * Last meaningful stderr lines, one line, without per-run noise: context addresses, the alias list
 * of a demuxer's tag (`[mov,mp4,m4a,…]` → `[mov]`) and, when `file` is given, the path ffmpeg
 * repeats in front of its messages (the caller's message names the file already).
 */
export function stderrSummary(stderr: string, maxLines = 3, file?: string): string {
  const lines = stderr
    .split(/\r?\n|\r/)
    .map((line) => {
      let text = line.replace(/ @ 0x[0-9a-f]+\]/g, ']').replace(/\[([\w-]+)(?:,[\w-]+)+\]/g, '[$1]');
      if (file && text.startsWith(`${file}: `)) text = text.slice(file.length + 2);
      return text.trim();
    })
    .filter((line) => line.length > 0 && !/^(frame=|size=|Press \[q\]|video:\d)/.test(line));
  return lines.slice(-maxLines).join(' | ');
}

export interface ToolExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ToolProcess {
  readonly pid: number;
  readonly stdout: Readable;
  /** Output pipe on file descriptor 3, present when spawned with `fd3: true`. */
  readonly fd3: Readable | null;
  /** Present when spawned with `stdin: 'pipe'`. */
  readonly stdin: Writable | null;
  /** Resolves once the process has exited, been reaped and its output streams have closed. */
  readonly exited: Promise<ToolExit>;
  /** Everything written to stderr so far (the last 64 KiB). */
  stderr(): string;
  /** True when the run was ended by its AbortSignal. */
  readonly cancelled: boolean;
  /** Kills the process if it is still running and waits until it is gone. */
  stop(): Promise<ToolExit>;
}

export interface SpawnOptions {
  /** The file the run is about, for error messages. */
  subject: string;
  signal?: AbortSignal;
  stdin?: 'pipe' | 'ignore';
  /** A second output pipe on file descriptor 3 (ffmpeg's `pipe:3`). */
  fd3?: boolean;
  env?: NodeJS.ProcessEnv;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

/** Pids of the ffmpeg/ffprobe processes started here that have not exited yet. */
export function liveToolPids(): number[] {
  return [...live].flatMap((child) => (child.pid === undefined ? [] : [child.pid]));
}

/** The only protocols an input may use: local files and our own pipes, never the network. */
export const INPUT_PROTOCOLS = 'file,pipe';

/**
 * `args` with `-protocol_whitelist file,pipe` before every `-i` that has none: a path that is a
 * URL (`http://…`, from a project file or a request) must not make ffmpeg fetch it.
 */
export function withInputProtocolWhitelist(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const whitelisted = index >= 2 && args[index - 2] === '-protocol_whitelist';
    if (args[index] === '-i' && !whitelisted) out.push('-protocol_whitelist', INPUT_PROTOCOLS);
    out.push(args[index]);
  }
  return out;
}

/** Starts ffmpeg or ffprobe with `args`; stdout is a pipe, stderr is captured. */
export function spawnTool(tool: Tool, args: string[], options: SpawnOptions): ToolProcess {
  const { subject, signal } = options;
  if (signal?.aborted) throw cancelledError(subject, 'Reading');
  const binary = resolveTool(tool, options.env).path;
  const child = spawn(binary, withInputProtocolWhitelist(args), {
    stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe', ...(options.fd3 ? ['pipe' as const] : [])],
    windowsHide: true,
    env: options.env,
  });
  live.add(child);
  installExitHook();

  let stderrText = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    stderrText = (stderrText + chunk).slice(-STDERR_KEEP_CHARS);
  });
  let cancelled = false;
  const onAbort = () => {
    cancelled = true;
    child.kill('SIGKILL');
  };
  signal?.addEventListener('abort', onAbort, { once: true });

  const exited = new Promise<ToolExit>((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      live.delete(child);
      signal?.removeEventListener('abort', onAbort);
      // Spawn failures (binary removed or not executable) surface here; other errors cannot occur
      // once the process runs, because stdio errors are reported on the streams themselves.
      reject(new VideoError('FFMPEG_MISSING', binary, `Could not start ${binary} (${error.code ?? error.message}). ${INSTALL_HINT}`, { cause: error }));
    });
    child.once('close', (code, exitSignal) => {
      live.delete(child);
      signal?.removeEventListener('abort', onAbort);
      resolve({ code, signal: exitSignal });
    });
  });
  // A spawn failure is reported through `exited`; keep it from also being an unhandled rejection.
  exited.catch(() => {});

  return {
    pid: child.pid ?? -1,
    stdout: child.stdout!,
    fd3: options.fd3 ? (child.stdio[3] as Readable) : null,
    stdin: child.stdin,
    exited,
    stderr: () => stderrText,
    get cancelled() {
      return cancelled;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      // Unread output must not keep the pipe (and so the 'close' event) open.
      child.stdout!.resume();
      (child.stdio[3] as Readable | undefined)?.resume();
      return exited;
    },
  };
}

export interface ToolResult extends ToolExit {
  stdout: Buffer;
  stderr: string;
}

/** Runs a tool to completion and collects its output. Rejects only on cancellation or spawn failure. */
export async function runTool(tool: Tool, args: string[], options: SpawnOptions & { input?: string | Uint8Array }): Promise<ToolResult> {
  const proc = spawnTool(tool, args, { ...options, stdin: options.input === undefined ? 'ignore' : 'pipe' });
  const chunks: Buffer[] = [];
  proc.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  if (options.input !== undefined && proc.stdin) {
    // ffmpeg may exit before reading all of stdin (e.g. on invalid input); that is not our error.
    proc.stdin.on('error', () => {});
    proc.stdin.end(options.input);
  }
  const exit = await proc.exited;
  if (proc.cancelled) throw cancelledError(options.subject, 'Reading');
  return { ...exit, stdout: Buffer.concat(chunks), stderr: proc.stderr() };
}

/** Runs `ffprobe -print_format json …` and parses its output. */
export async function ffprobeJson(args: string[], options: SpawnOptions): Promise<{ json: unknown; result: ToolResult }> {
  const result = await runTool('ffprobe', ['-hide_banner', '-print_format', 'json', ...args], options);
  let json: unknown = undefined;
  try {
    json = JSON.parse(result.stdout.toString('utf8') || 'null');
  } catch {
    json = undefined;
  }
  return { json, result };
}
