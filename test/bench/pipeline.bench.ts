/**
 * Pipeline section of `npm run bench`: the whole `posetrail track` command (compiled CLI, a child
 * process: start-up and model loading included) on the shared two-people clip (230 frames,
 * 1768×994) with YOLOX-nano, simplepose-nano and the OSNet re-ID model on the CPU, three ways:
 * tiling off, tiling on (tiles every DEFAULT_TILE_INTERVAL_FRAMES detector runs, the default), and
 * tiling on every frame (the behaviour before tile intervals).
 *
 * For each run: frames/s, the per-stage breakdown the command writes with --stage-times, the CPU
 * time of the whole process tree (the command's threads and its ffmpeg/ffprobe children), and
 * the ratio of the command's wall time to this machine's floor for the same work (pipeline-floor.ts):
 * the larger of the run's model calls one after the other with every core, and their CPU time at
 * one thread plus ffmpeg's decoding CPU spread over every core. Each setting runs COMMAND_RUNS
 * times with bare calls timed in this process before and after each run: the mean command against
 * the median bare calls (see COMMAND_RUNS). The stage breakdown is the first run's.
 * Targets: floor ratio ≤ 1.3 with tiling off and on; tiling on at most 2× the wall time of tiling
 * off; tiling on ≥ 2× the frames/s of tiling every frame, with both people over the same frames (±2).
 * POSETRAIL_BENCH_PIPELINE=quick leaves out the every-frame run.
 * Timings are noisy on a shared machine: compare the ratios, which come from one run.
 */
import { execFile } from 'node:child_process';
import os from 'node:os';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildCli } from '../../build/build-cli.js';
import { checkTarget, median, type BenchContext } from './context';
import { bareCall, bareCallMs, peoplePresence, type BareCall, type Presence } from './pipeline-bare';
import { decodeCpuMs, floorOf, type CallsByModel, type Floor } from './pipeline-floor';

const exec = promisify(execFile);
const MODELS = { detector: 'yolox-nano-416', pose: 'simplepose-nano', reid: 'osnet-x0-25-msmt17' } as const;
type ModelRole = keyof typeof MODELS;
const VIDEO = 'videos/two_people_1768x994_vp9.mp4';
const MAX_FLOOR_RATIO = 1.3;
const MAX_TILING_COST = 2;
const MIN_TILING_SPEEDUP = 2;
const SAME_FRAMES_TOLERANCE = 2;

type CallCount = { calls: number; images: number; callsByBatch: Record<string, number> };

interface StageTimes {
  frames: number;
  persons: number;
  tracks: number;
  wallMs: number;
  stageMs: Record<string, number>;
  modelCalls: Record<'detector' | 'pose', CallCount> & { reid?: CallCount };
  peakRssKiB: number;
  processCpuMs: number;
  childProcessesCpuMs: number | null;
}

interface CommandRun {
  commandMs: number;
  times: StageTimes;
  presence: Presence;
}

type MeasuredRun = CommandRun & { commandRunsMs: number[]; bare: Map<string, BareCall>; floor: Floor };

async function trackCommand(ctx: BenchContext, name: string, extraArgs: string[]): Promise<CommandRun> {
  const video = path.join(ctx.sharedAssets, VIDEO);
  const output = path.join(ctx.tmpDir, `${name}.json`);
  const timesPath = path.join(ctx.tmpDir, `${name}-times.json`);
  const args = [
    path.join(ctx.repoRoot, 'bin/posetrail.js'),
    'track',
    video,
    '--detector',
    MODELS.detector,
    '--pose-model',
    MODELS.pose,
    '--reid-model',
    MODELS.reid,
    '--device',
    'cpu',
    '-o',
    output,
    '--stage-times',
    timesPath,
    ...extraArgs,
  ];
  const env = {
    ...process.env,
    POSETRAIL_MODEL_PATH: path.join(ctx.sharedAssets, 'models'),
    POSETRAIL_FROM_SOURCE: '0',
  };
  ctx.log(`posetrail track ${extraArgs.join(' ')}…`);
  const startedMs = performance.now();
  await exec(process.execPath, args, { cwd: ctx.repoRoot, env, maxBuffer: 1 << 20 });
  const commandMs = performance.now() - startedMs;
  const times = JSON.parse(await readFile(timesPath, 'utf8')) as StageTimes;
  const presence = peoplePresence(JSON.parse(await readFile(output, 'utf8')));
  return { commandMs, times, presence };
}

/** The run's calls by model id and batch size (before a run: one call of each model at batch 1). */
function callsOf(run?: CommandRun): CallsByModel {
  const roles = Object.keys(MODELS) as ModelRole[];
  return new Map(
    roles.flatMap((role) => {
      const counts = run ? run.times.modelCalls[role]?.callsByBatch : { 1: 1 };
      return counts ? [[MODELS[role], counts] as const] : [];
    }),
  );
}

function describeRun(run: MeasuredRun) {
  const round = (ms: number) => Math.round(ms);
  const { floor, times } = run;
  const treeCpuMs = times.processCpuMs + (times.childProcessesCpuMs ?? 0);
  return {
    frames: times.frames,
    poses: times.persons,
    tracks: times.tracks,
    commandMs: round(run.commandMs),
    commandRunsMs: run.commandRunsMs.map(round),
    framesPerSecond: Math.round((times.frames / (run.commandMs / 1000)) * 100) / 100,
    stageMs: Object.fromEntries(Object.entries(times.stageMs).map(([k, v]) => [k, round(v)])),
    modelCalls: times.modelCalls,
    bareCalls: Object.fromEntries(
      [...run.bare].map(([k, v]) => [
        k,
        { allCoresMs: Math.round(v.allCoresMs * 100) / 100, oneThreadCpuMs: Math.round(v.oneThreadCpuMs * 100) / 100 },
      ]),
    ),
    floor: {
      floorMs: round(floor.floorMs),
      serialAllCoresMs: round(floor.serialAllCoresMs),
      modelCpuOneThreadMs: round(floor.modelCpuOneThreadMs),
      decodeCpuMs: round(floor.decodeCpuMs),
      cores: floor.cores,
    },
    floorRatio: checkTarget(run.commandMs / floor.floorMs, '<=', MAX_FLOOR_RATIO),
    // The command's threads, and ffmpeg's and ffprobe's (null where /proc is missing).
    cpuMs: { process: times.processCpuMs, children: times.childProcessesCpuMs, tree: treeCpuMs },
    // CPU the tree used beyond the floor's own (models at one thread, decoding): threading, copies,
    // pre-processing, tracking, start-up.
    extraCpuMs: round(treeCpuMs - floor.modelCpuOneThreadMs - floor.decodeCpuMs),
    coresBusyFraction: Math.round((treeCpuMs / (run.commandMs * os.availableParallelism())) * 100) / 100,
    peakRssMiB: Math.round(times.peakRssKiB / 1024),
  };
}

/** Bare calls of each model and batch size of `calls`: every core (wall) and one thread (CPU). */
async function bareCalls(calls: CallsByModel): Promise<Map<string, BareCall>> {
  const bare = new Map<string, BareCall>();
  for (const [id, byBatch] of calls) {
    for (const batch of Object.keys(byBatch).map(Number)) {
      const allCores = await bareCall(id, batch);
      const oneThread = await bareCall(id, batch, 1);
      bare.set(`${id}@${batch}`, { allCoresMs: allCores.medianMs, oneThreadCpuMs: oneThread.cpuMs });
    }
  }
  return bare;
}

/**
 * Runs of the command per setting. On a shared machine the speed drifts by 15–20 % from one
 * minute to the next and from one second to the next: a bare-call round (about a second per
 * model) can fall in a fast moment that a 12 s command averages away, so the minimum of short
 * rounds is biased low. Both sides are taken as typical values over interleaved repeats instead:
 * the mean command and, per bare call, the median over the rounds.
 */
const COMMAND_RUNS = 2;

/** Per bare call, the median all-core wall and one-thread CPU over the rounds that timed it. */
function typicalCalls(rounds: readonly Map<string, BareCall>[]): Map<string, BareCall> {
  const keys = new Set(rounds.flatMap((round) => [...round.keys()]));
  return new Map(
    [...keys].map((key) => {
      const calls = rounds.flatMap((round) => round.get(key) ?? []);
      return [
        key,
        {
          allCoresMs: median(calls.map((call) => call.allCoresMs)),
          oneThreadCpuMs: median(calls.map((call) => call.oneThreadCpuMs)),
        },
      ];
    }),
  );
}

/**
 * The command run COMMAND_RUNS times, with a round of bare calls before the first and after each,
 * so that both sides of the ratio see the machine in the same states (see COMMAND_RUNS).
 */
async function measuredRun(ctx: BenchContext, name: string, args: string[], decodeMs: number): Promise<MeasuredRun> {
  const rounds = [await bareCalls(callsOf())];
  const runs: CommandRun[] = [];
  for (let i = 0; i < COMMAND_RUNS; i++) {
    const run = await trackCommand(ctx, `${name}-${i + 1}`, args);
    runs.push(run);
    rounds.push(await bareCalls(callsOf(run)));
  }
  const commandRunsMs = runs.map((run) => run.commandMs);
  const commandMs = commandRunsMs.reduce((a, b) => a + b, 0) / runs.length;
  const bare = typicalCalls(rounds);
  return { ...runs[0], commandMs, commandRunsMs, bare, floor: floorOf(callsOf(runs[0]), bare, decodeMs) };
}

/**
 * How much the machine's other cores speed up one bare detector call: where they add little
 * (shared execution units, memory bandwidth), the serial bound is close to the CPU bound.
 */
async function detectorCoreScaling() {
  const cores = os.availableParallelism();
  const oneThreadMs = await bareCallMs(MODELS.detector, 1, 1);
  const allCoresMs = await bareCallMs(MODELS.detector, 1, cores);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    cores,
    oneThreadMs: round(oneThreadMs),
    allCoresMs: round(allCoresMs),
    speedup: round(oneThreadMs / allCoresMs),
  };
}

function sameFramesDifference(a: Presence, b: Presence): number {
  return Math.max(
    ...([1, 2] as const).flatMap((people) => [
      Math.abs(a[people].first - b[people].first),
      Math.abs(a[people].last - b[people].last),
      Math.abs(a[people].count - b[people].count),
    ]),
  );
}

async function everyFrameTiles(ctx: BenchContext, tiled: MeasuredRun, decodeMs: number) {
  const everyFrame = await measuredRun(
    ctx,
    'tiling-every-frame',
    ['--tiling', 'auto', '--tile-interval', '1'],
    decodeMs,
  );
  const speedup = tiled.commandMs > 0 ? everyFrame.commandMs / tiled.commandMs : 0;
  return {
    tilingEveryFrame: describeRun(everyFrame),
    tilingSpeedup: checkTarget(speedup, '>=', MIN_TILING_SPEEDUP),
    samePeopleFrames: {
      ...checkTarget(sameFramesDifference(tiled.presence, everyFrame.presence), '<=', SAME_FRAMES_TOLERANCE),
      presence: { tilingOn: tiled.presence, tilingEveryFrame: everyFrame.presence },
    },
  };
}

export async function run(ctx: BenchContext): Promise<Record<string, unknown>> {
  await buildCli();
  process.env.POSETRAIL_MODEL_PATH ??= path.join(ctx.sharedAssets, 'models');
  const decodeMs = await decodeCpuMs(path.join(ctx.sharedAssets, VIDEO));
  const off = await measuredRun(ctx, 'tiling-off', ['--tiling', 'off'], decodeMs);
  const tiled = await measuredRun(ctx, 'tiling-on', ['--tiling', 'auto'], decodeMs);
  const everyFrame =
    process.env.POSETRAIL_BENCH_PIPELINE === 'quick' ? {} : await everyFrameTiles(ctx, tiled, decodeMs);
  const ratio = (run: MeasuredRun) => (run.commandMs / run.floor.floorMs).toFixed(2);
  ctx.log(
    `floor ratio ${ratio(off)} (tiling off), ${ratio(tiled)} (on); tiling on/off ${(tiled.commandMs / off.commandMs).toFixed(2)}`,
  );
  return {
    video: VIDEO,
    models: { ...MODELS, device: 'cpu' },
    cores: os.availableParallelism(),
    loadAverage1m: os.loadavg()[0],
    detectorCoreScaling: await detectorCoreScaling(),
    tilingOff: describeRun(off),
    tilingOn: describeRun(tiled),
    tilingCost: checkTarget(tiled.commandMs / off.commandMs, '<=', MAX_TILING_COST),
    ...everyFrame,
  };
}
