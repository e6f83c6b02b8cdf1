/**
 * A small typed wrapper over child_process for ffmpeg and ffprobe (found by tool-path.ts): spawning,
 * stderr capture, exit handling and cancellation. fluent-ffmpeg is deliberately not used: it was
 * archived and deprecated in 2025, and what we need fits in this file.
 *
 * Lifetime guarantee: every process started here is registered until it has exited; `stop()`
 * kills it and waits until the OS has reaped it, an AbortSignal does the same, and when the Node
 * process exits all remaining children are killed, so no ffmpeg outlives its consumer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { VideoError, cancelledError } from './errors';
import { INSTALL_HINT, resolveTool, type Tool } from './tool-path';

export { INSTALL_HINT, TOOL_ENV, findOnPath, resolveTool, type ResolvedTool, type Tool } from './tool-path';

/** How much of a child's stderr is kept for error messages (the tail is what matters). */
const STDERR_KEEP_CHARS = 64 * 1024;

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
      reject(
        new VideoError(
          'FFMPEG_MISSING',
          binary,
          `Could not start ${binary} (${error.code ?? error.message}). ${INSTALL_HINT}`,
          { cause: error },
        ),
      );
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
export async function runTool(
  tool: Tool,
  args: string[],
  options: SpawnOptions & { input?: string | Uint8Array },
): Promise<ToolResult> {
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
export async function ffprobeJson(
  args: string[],
  options: SpawnOptions,
): Promise<{ json: unknown; result: ToolResult }> {
  const result = await runTool('ffprobe', ['-hide_banner', '-print_format', 'json', ...args], options);
  let json: unknown = undefined;
  try {
    json = JSON.parse(result.stdout.toString('utf8') || 'null');
  } catch {
    json = undefined;
  }
  return { json, result };
}
