/**
 * The desktop app's entry (CommonJS, `main` in package.json). Privileged schemes must be
 * registered synchronously before the app is ready, which an ES module loaded with import()
 * cannot guarantee, so this stub registers them and then loads the ESM main bundle.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { protocol } from 'electron';
import { PRIVILEGED_SCHEMES } from './schemes';

protocol.registerSchemesAsPrivileged(PRIVILEGED_SCHEMES);
import(pathToFileURL(path.join(__dirname, 'main.mjs')).href).catch((error: unknown) => {
  console.error('Posetrail failed to start:', error);
  process.exit(1);
});
