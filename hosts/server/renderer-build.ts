import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Where the renderer's Vite build lives and how to make it when it is missing. */
export function rendererPaths(repoRoot: string) {
  return {
    outDir: path.join(repoRoot, 'dist-renderer'),
    config: path.join(repoRoot, 'renderer', 'vite.config.ts'),
  };
}

export function hasRendererBuild(outDir: string): boolean {
  return existsSync(path.join(outDir, 'index.html'));
}

/**
 * Runs `vite build --config renderer/vite.config.ts` with its output on stderr (stdout is kept
 * for the URL that scripts parse). Rejects with a message that says how to run it by hand.
 */
export async function buildRenderer(repoRoot: string, log: (line: string) => void): Promise<void> {
  const { config } = rendererPaths(repoRoot);
  if (!existsSync(config)) throw new Error(`Cannot build the UI: ${config} is missing.`);
  const viteBin = path.join(
    path.dirname(createRequire(import.meta.url).resolve('vite/package.json')),
    'bin',
    'vite.js',
  );
  log(`Building the UI (first start): vite build --config ${path.relative(repoRoot, config)}`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [viteBin, 'build', '--config', config], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8000);
      process.stderr.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `Building the UI failed (vite exit code ${code}). Run \`npx vite build --config renderer/vite.config.ts\` to see why.\n${output.trim().split('\n').slice(-5).join('\n')}`,
          ),
        );
    });
  });
}
