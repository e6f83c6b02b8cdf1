import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { OPEN_QUERY } from '../../../core/api/channels';
import { CliError, EXIT_USAGE } from '../cli-error';
import { createPoseService } from '../../../core/service/service';
import { DEFAULT_MAX_CONCURRENT_RUNS } from '../../../core/service/run-queue';
import { createAccessToken } from '../../server/auth';
import { MediaAccess } from '../../../core/http/media-access';
import { buildRenderer, hasRendererBuild, rendererPaths } from '../../server/renderer-build';
import { DEFAULT_HOST, mediaUrl, startWebHost } from '../../server/server';
import { packageRootOf } from '../../../core/util/package-root';

const REPO_ROOT = packageRootOf(import.meta.url);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

interface ServeOptions {
  port: string;
  host?: string;
  open?: string;
  token: boolean;
  rebuild?: boolean;
  maxRuns: string;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliError(
      `Invalid --port ${text}. Should be an integer from 0 to 65535 (0 picks a free port).`,
      EXIT_USAGE,
    );
  return port;
}

function parseMaxRuns(text: string): number {
  const runs = Number(text);
  if (!Number.isInteger(runs) || runs < 1 || runs > 16)
    throw new CliError(`Invalid --max-runs ${text}. Should be an integer from 1 to 16.`, EXIT_USAGE);
  return runs;
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

async function serve(options: ServeOptions): Promise<void> {
  const port = parsePort(options.port);
  const maxConcurrentRuns = parseMaxRuns(options.maxRuns);
  const host = options.host ?? DEFAULT_HOST;
  const exposed = !LOOPBACK_HOSTS.has(host);
  if (exposed && !options.token)
    throw new CliError(
      '--no-token is only allowed on a loopback host; anyone on the network could read your files.',
      2,
    );
  const log = (line: string) => process.stderr.write(`${line}\n`);

  // POSETRAIL_RENDERER_DIR serves a prebuilt UI from elsewhere (packaged installs, tests).
  const outDir = process.env.POSETRAIL_RENDERER_DIR || rendererPaths(REPO_ROOT).outDir;
  if (!hasRendererBuild(outDir)) {
    if (process.env.POSETRAIL_RENDERER_DIR)
      throw new CliError(
        `No UI build in ${outDir} (index.html missing); unset POSETRAIL_RENDERER_DIR or build it there.`,
      );
  }
  if (options.rebuild || !hasRendererBuild(outDir)) await buildRenderer(REPO_ROOT, log);

  const token = options.token ? createAccessToken() : null;
  const media = new MediaAccess();
  const service = createPoseService({
    host: 'web',
    version: packageVersion(),
    mediaUrlFor: (filePath) => mediaUrl(media, filePath),
    onWarning: (message) => log(`warning: ${message}`),
    maxConcurrentRuns,
  });
  const webHost = await startWebHost({ api: service, media, rendererDir: outDir, token, host, port, log });
  // Loaded here, not at the top: every CLI command imports this file, and the probe loads ONNX Runtime.
  void import('../../../core/models/device-probe')
    .then(({ deviceProbeNotes }) => deviceProbeNotes())
    .then((notes) => notes.forEach(log));

  let url = webHost.url;
  if (options.open)
    url += `${url.includes('?') ? '&' : '?'}${OPEN_QUERY}=${encodeURIComponent(path.resolve(options.open))}`;
  process.stdout.write(`Posetrail is running at ${url}\n`);
  log(
    exposed
      ? `Listening on ${host}: reachable from other machines; the token in the URL is the only protection.`
      : 'Press Ctrl+C to stop.',
  );

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      log('Stopping…');
      Promise.allSettled([service.dispose(), webHost.close()]).then(() => resolve());
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function register(program: Command): void {
  program
    .command('serve')
    .description(
      'Serve the Posetrail UI and API over HTTP/WebSocket on 127.0.0.1 with an access token (for headless or remote machines).',
    )
    .option('--port <n>', 'port to listen on (0 = a free port)', '0')
    .option('--host <address>', 'address to bind; anything but loopback exposes the app to the network', undefined)
    .option('--open <video>', 'open this video in the UI when the page loads')
    .option('--no-token', 'do not require the access token (loopback only)')
    .option(
      '--max-runs <n>',
      'tracking runs and batches at once; more wait their turn',
      String(DEFAULT_MAX_CONCURRENT_RUNS),
    )
    .option('--rebuild', 'rebuild the UI (dist-renderer/) before serving')
    .action((options: ServeOptions) => serve(options));
}
