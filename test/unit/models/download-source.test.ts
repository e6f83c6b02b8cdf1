import { execFile, execFileSync } from 'node:child_process';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checksumNote, downloadSource } from '../../../core/models/download-source';
import type { ModelManifest } from '../../../core/models/manifest';
import { getManifest, listManifests } from '../../../core/models/registry';
import { downloadModel } from '../../../core/models/store';
import { readStoreIndex } from '../../../core/models/store-index';
import { REPO_ROOT, SHARED_MODELS_DIR } from '../../helpers/assets';

/**
 * Model downloads against a substituting mirror: a plain-http server that answers every request
 * with the shared YOLOX-nano 416 export (same inputs and outputs as yolox-tiny, other weights).
 */

let root: string;
let mirror: Server;
let mirrorUrl: string;
const mirrorRequests: string[] = [];
let substitute: Buffer;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'posetrail-source-'));
  substitute = await fs.readFile(path.join(SHARED_MODELS_DIR, 'yolox_nano_416.onnx'));
  mirror = createHttpServer((req, res) => {
    mirrorRequests.push(req.url ?? '');
    res.writeHead(200, { 'content-length': substitute.length }).end(substitute);
  });
  await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
  mirrorUrl = `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  mirror.closeAllConnections();
  await new Promise((resolve) => mirror.close(resolve));
  delete process.env.POSETRAIL_MODELS_DIR;
  delete process.env.POSETRAIL_MODEL_MIRROR;
  await fs.rm(root, { recursive: true, force: true });
});
beforeEach(async () => {
  process.env.POSETRAIL_MODELS_DIR = await fs.mkdtemp(path.join(root, 'store-'));
  delete process.env.POSETRAIL_MODEL_MIRROR;
  mirrorRequests.length = 0;
});

/** A checkpoint-like manifest: no full SHA-256, only the 8-hex-digit prefix of its file name. */
function prefixOnly(url: string): ModelManifest {
  const base = getManifest('hrnet-w32-coco-256x192');
  return { ...base, source: { ...base.source, url } };
}

describe('model download sources', () => {
  it('pins a full SHA-256 for every downloadable ONNX model', () => {
    for (const manifest of listManifests().filter((m) => m.source.format === 'onnx' && m.source.url)) {
      expect(manifest.source.sha256, manifest.id).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('refuses a substituted yolox-tiny from an http mirror and installs nothing', async () => {
    process.env.POSETRAIL_MODEL_MIRROR = mirrorUrl;
    await expect(downloadModel('yolox-tiny')).rejects.toThrow(
      /^The download of yolox-tiny from http:\/\/127\.0\.0\.1:\d+\/yolox_tiny\.onnx is corrupt \(SHA-256 is 695e750a5d5754bb.*, expected 427cc366d34e27ff7a03e2899b5e3671425c262ea2291f88bb942bc1cc70b0f7\); it was deleted/,
    );
    expect(mirrorRequests).toEqual(['/yolox_tiny.onnx']);
    const store = process.env.POSETRAIL_MODELS_DIR!;
    expect(existsSync(path.join(store, 'yolox_tiny.onnx'))).toBe(false);
    expect(await readStoreIndex(store)).toEqual({});
  });

  it('takes a model with a full SHA-256 from any mirror, plain http included', () => {
    expect(downloadSource(getManifest('yolox-nano'), { POSETRAIL_MODEL_MIRROR: mirrorUrl })).toEqual({
      url: `${mirrorUrl}yolox_nano.onnx`,
      httpsOnly: false,
    });
  });

  it('fetches a model without a full SHA-256 only from its publisher over https, mirror or not', async () => {
    const hrnet = getManifest('hrnet-w48-coco-256x192');
    expect(downloadSource(hrnet, { POSETRAIL_MODEL_MIRROR: mirrorUrl })).toEqual({
      url: hrnet.source.url,
      httpsOnly: true,
    });
    const plain = prefixOnly(`${mirrorUrl}hrnet_w32_coco_256x192-c78dce93_20200708.pth`);
    process.env.POSETRAIL_MODEL_MIRROR = mirrorUrl;
    await expect(downloadModel(plain)).rejects.toThrow(
      `Model hrnet-w32-coco-256x192 has no pinned SHA-256, so it is downloaded only over https from its publisher, and ${plain.source.url} is not https.`,
    );
    expect(mirrorRequests).toEqual([]);
  });

  it('says in models list how each model is checked', () => {
    expect(checksumNote(getManifest('yolox-tiny'), undefined)).toBe('pinned in the manifest');
    expect(checksumNote(getManifest('hrnet-w48-coco-256x192'), undefined)).toBe('checksum recorded at first download');
    expect(checksumNote(getManifest('hrnet-w48-coco-256x192'), { origin: 'convert' })).toBe(
      'checksum recorded at first download',
    );
    expect(checksumNote(getManifest('hrnet-w48-coco-256x192'), { origin: 'import' })).toBe(
      'checksum recorded at import',
    );
    const listing = execFileSync(process.execPath, [path.join(REPO_ROOT, 'bin/posetrail.js'), 'models', 'list'], {
      encoding: 'utf8',
      env: { ...process.env, POSETRAIL_MODEL_PATH: '' },
    });
    expect(listing).toMatch(/^ID\s+TASK\s+INSTALLED\s+SIZE\s+CHECKSUM\s+WHERE$/m);
    expect(listing).toMatch(/^hrnet-w48-coco-384x288 .* checksum recorded at first download  \(download available\)$/m);
    expect(listing).toMatch(/^yolox-tiny .* pinned in the manifest\s+\(download available\)$/m);
  });
});

describe('redirects of an https-only download', () => {
  it('follows https redirects and refuses one to http', async () => {
    const certDir = path.join(root, 'tls');
    await fs.mkdir(certDir);
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        path.join(certDir, 'key.pem'),
        '-out',
        path.join(certDir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const tls = createHttpsServer(
      { key: readFileSync(path.join(certDir, 'key.pem')), cert: readFileSync(path.join(certDir, 'cert.pem')) },
      (req, res) => {
        if (req.url === '/to-https') return void res.writeHead(302, { location: '/file' }).end();
        if (req.url === '/to-http') return void res.writeHead(302, { location: `${mirrorUrl}file` }).end();
        res.writeHead(200, { 'content-length': 5 }).end('hello');
      },
    );
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    const base = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
    // NODE_EXTRA_CA_CERTS is read at start-up, so the client runs in a child that trusts this certificate.
    const script = `import { downloadToPartial } from ${JSON.stringify(path.join(REPO_ROOT, 'core/models/download.ts'))};
      for (const route of ['/to-https', '/to-http']) {
        const out = await downloadToPartial('${base}' + route, ${JSON.stringify(path.join(root, 'part'))}, { label: 'hrnet-w32', httpsOnly: true }).then((r) => 'ok ' + r.sizeBytes, (e) => e.message);
        console.log(route, out);
      }`;
    // Not spawnSync: this process must keep serving while the child downloads.
    const run = await new Promise<{ stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script],
        {
          cwd: REPO_ROOT,
          encoding: 'utf8',
          env: { ...process.env, NODE_EXTRA_CA_CERTS: path.join(certDir, 'cert.pem') },
        },
        (_error, stdout) => resolve({ stdout }),
      );
    });
    tls.close();
    expect(run.stdout).toContain('/to-https ok 5');
    expect(run.stdout).toContain(
      `/to-http Refusing to download hrnet-w32: ${base}/to-http redirects to ${mirrorUrl}file not https, and hrnet-w32 has no pinned SHA-256 that could catch a substituted file.`,
    );
    expect(mirrorRequests).toEqual([]);
  }, 60_000);
});
