import { lazyPackage } from '../util/lazy-package';

/** bullmq (with ioredis) loads when a queue is first used, not when any command starts. */
export const bullmq = lazyPackage<typeof import('bullmq')>('bullmq');
