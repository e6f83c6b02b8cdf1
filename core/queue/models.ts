import { findManifest } from '../models/registry';
import { downloadModel, findInstalledModel, isDownloadable } from '../models/store';

/**
 * Installs, once per worker process, the known downloadable models a job names that this machine
 * lacks, so a fresh worker needs no preparation. Paths, unknown ids and import-only models are
 * left to the model loader, whose error (the job's last error) says how to install them.
 */
export class ModelFetcher {
  private readonly fetching = new Map<string, Promise<void>>();

  constructor(private readonly log: (line: string) => void) {}

  ensure(ids: readonly string[]): Promise<void> {
    return Promise.all([...new Set(ids)].map((id) => this.ensureOne(id))).then(() => {});
  }

  private ensureOne(id: string): Promise<void> {
    let pending = this.fetching.get(id);
    if (!pending) {
      pending = this.fetch(id);
      // A failed download is tried again by the next job.
      pending.catch(() => this.fetching.delete(id));
      this.fetching.set(id, pending);
    }
    return pending;
  }

  private async fetch(id: string): Promise<void> {
    const manifest = findManifest(id);
    if (!manifest || !isDownloadable(manifest) || (await findInstalledModel(manifest))) return;
    this.log(`model ${id} is not installed on this machine: downloading it into the model store`);
    const file = await downloadModel(manifest);
    this.log(`installed ${id} at ${file}`);
  }
}
