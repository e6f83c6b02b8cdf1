import { createRequire } from 'node:module';

/**
 * A package loaded on first use instead of at start-up. Every `posetrail` command shares one
 * bundle, so a package imported at the top of any module loads for all of them: the queue's
 * bullmq, the web host's ws and the drawing canvas loaded on every start, `track` included,
 * which uses none of them. Only for packages every bundle keeps external (resolved
 * from node_modules at run time): a self-contained bundle (the GPU check) cannot see them.
 */
export function lazyPackage<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= createRequire(import.meta.url)(name) as T;
    return loaded;
  };
}
