#!/usr/bin/env node
// Entry point for `posetrail` / `npx posetrail`: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../core/cli/main.ts');
process.exitCode = await main(process.argv);
