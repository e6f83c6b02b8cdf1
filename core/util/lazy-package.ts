import { createRequire } from 'node:module';

/**
 * A package loaded on first use instead of at start-up. Every `posetrail` command shares one
 * bundle, so a package imported at the top of any module loads for all of them: the queue's
 * bullmq, the web host's ws, the converter's protobufjs and fflate, and the drawing canvas
 * together took about 250 ms of each start, `track` included, which uses none of them.
 */
export function lazyPackage<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= createRequire(import.meta.url)(name) as T;
    return loaded;
  };
}
