import { promises as fs } from 'node:fs';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `work` holding an exclusive lock file (the holder's pid inside), so two processes (the app
 * and the CLI, say) never append to the same partial download. A lock left by a dead process is
 * taken over.
 */
export async function withFileLock<T>(lockPath: string, what: string, work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await fs.open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const holder = Number((await fs.readFile(lockPath, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && processAlive(holder)) {
        throw new Error(`${what} is already in progress in process ${holder}; wait for it to finish.`);
      }
      if (holder === process.pid) throw new Error(`${what} is already in progress in this process.`);
      await fs.rm(lockPath, { force: true });
    }
  }
  try {
    return await work();
  } finally {
    await fs.rm(lockPath, { force: true });
  }
}
