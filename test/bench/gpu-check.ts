/**
 * Entry of the GPU check bundle (`npm run gpu-bundle`, docs/gpu-check.md): runs the bench's gpu
 * section on its own and prints its report as JSON on stdout (progress on stderr). Exit code 0
 * when the section ran (whether or not a GPU works here) and every difference check passed.
 */
import { run } from './gpu.bench';

const report = await run();
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
const failed = JSON.stringify(report).includes('"pass":false');
process.exitCode = failed ? 1 : 0;
