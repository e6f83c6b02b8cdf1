// A dev-only PoseApi with synthetic poses, injected as window.posetrail, for looking at the UI
// before or without the real back end. Never shipped: the product always talks to a real host.
(() => {
  const listeners = new Set();
  const emit = (e) => listeners.forEach((l) => l(e));
  const VIDEO = window.__FAKE_VIDEO__;
  const fps = 30;
  const n = VIDEO.frameCount;
  const info = {
    path: VIDEO.path,
    kind: 'video',
    width: VIDEO.width,
    height: VIDEO.height,
    fps: { num: 30, den: 1 },
    frameCount: n,
    durationMs: (n * 1000) / fps,
    codec: 'vp9',
    pixelFormat: 'yuv420p',
    rotationDeg: 0,
    variableFrameRate: false,
    frameTimesMs: Array.from({ length: n }, (_, i) => (i * 1000) / fps),
  };
  const body = [
    [0, -150],
    [-10, -160],
    [10, -160],
    [-25, -150],
    [25, -150],
    [-50, -100],
    [50, -100],
    [-70, -40],
    [70, -40],
    [-75, 20],
    [75, 20],
    [-35, 30],
    [35, 30],
    [-40, 130],
    [40, 130],
    [-45, 230],
    [45, 230],
  ];
  const pose = (cx, cy, id, s) => {
    const keypoints = body.map(([dx, dy], j) => [cx + dx * s, cy + dy * s, j === 3 ? 0.2 : 0.9]);
    return {
      trackId: id,
      keypoints,
      box: { x: cx - 90 * s, y: cy - 180 * s, w: 180 * s, h: 430 * s, score: 0.9 },
      score: 0.8,
    };
  };
  const frames = Array.from({ length: n }, (_, i) => {
    const poses = [pose(500 + i * 2, 450, 0, 1.2)];
    if (i < 100 || i > 130) poses.push(pose(1300 - i * 1.5, 470, 1, 1.1));
    if (i > 180) poses.push(pose(900, 500, 2, 0.8));
    return { frameIndex: i, timestampMs: info.frameTimesMs[i], poses };
  });
  let project = null;
  const colors = ['#4cc9f0', '#f72585', '#b5e48c', '#ffb703'];
  const state = (rev) => ({
    videoPath: info.path,
    result: {
      video: info,
      schema: 'coco17',
      frames,
      models: { detector: 'yolox-nano-416', pose: 'simplepose-nano' },
      executionProvider: 'cpu',
    },
    tracks: [0, 1, 2].map((id) => ({
      trackId: id,
      name: id === 0 ? 'Runner' : '',
      hidden: false,
      colorHex: colors[id],
    })),
    canUndo: rev > 0,
    canRedo: false,
    revision: rev,
  });
  const models = [
    {
      id: 'yolox-nano-416',
      name: 'YOLOX nano 416',
      task: 'person-detector',
      installed: true,
      path: '/models/yolox_nano_416.onnx',
      sizeBytes: 3.6e6,
      downloadable: true,
      description: 'Fast COCO detector',
    },
    {
      id: 'rtmdet-nano-320',
      name: 'RTMDet nano 320',
      task: 'person-detector',
      installed: false,
      path: null,
      sizeBytes: 4.1e6,
      downloadable: true,
      description: 'Person-only detector',
    },
    {
      id: 'simplepose-nano',
      name: 'SimplePose nano 256×192',
      task: 'pose-topdown-heatmap',
      installed: true,
      path: '/models/simplepose.onnx',
      sizeBytes: 1.2e6,
      downloadable: false,
      description: 'Tiny top-down pose model',
    },
    {
      id: 'hrnet-w48-384',
      name: 'HRNet-W48 384×288',
      task: 'pose-topdown-heatmap',
      installed: false,
      path: null,
      sizeBytes: 254e6,
      downloadable: true,
      description: 'Most accurate; slow on CPU',
    },
  ];
  let settings = {
    defaultDevice: 'cpu',
    threads: 0,
    track: {
      detector: 'yolox-nano-416',
      poseModel: 'simplepose-nano',
      device: 'cpu',
      detIntervalFrames: 1,
      minBoxScore: 0.5,
      minKeypointScore: 0.3,
      flipTest: false,
    },
  };
  const ok = (v) => Promise.resolve(structuredClone(v));
  window.posetrail = {
    app: {
      info: () =>
        ok({
          version: '0.1.0',
          platform: 'linux',
          host: 'web',
          ffmpegPath: '/usr/bin/ffmpeg',
          devices: ['auto', 'cpu'],
          homeDir: '/home/user',
        }),
      recentFiles: () => ok([info.path, '/home/user/videos/dance_class.mp4', '/home/user/videos/match_cam2.mkv']),
      pickVideo: () => ok(null),
      pickFolder: () => ok(null),
      pickSavePath: () => ok(null),
      showInFolder: () => ok(undefined),
    },
    files: {
      list: (dir) =>
        ok([
          { name: 'videos', path: dir + '/videos', kind: 'dir' },
          { name: 'two_people.mp4', path: info.path, kind: 'file', sizeBytes: 2.1e6 },
        ]),
    },
    layers: {
      list: () => ok([]),
      add: () => Promise.reject(Object.assign(new Error('no PoseTrack reader in the fake'), { code: 'INTERNAL' })),
      remove: () => ok([]),
    },
    video: {
      open: () => ok({ info, mediaUrl: VIDEO.mediaUrl, browserPlayable: VIDEO.playable }),
      frameImage: () => Promise.reject(Object.assign(new Error('no decoder in the fake'), { code: 'INTERNAL' })),
    },
    tracking: {
      start: () => {
        let i = 0;
        const timer = setInterval(() => {
          const chunk = frames.slice(i, i + 10);
          emit({ type: 'tracking-frames', runId: 'r1', frames: chunk });
          i += 10;
          emit({
            type: 'tracking-progress',
            runId: 'r1',
            progress: { done: Math.min(i, n), total: n, rate: 11.5, etaMs: ((n - i) / 11.5) * 1000 },
          });
          if (i >= (window.__FAKE_STOP_AT__ ?? n)) {
            clearInterval(timer);
            if (i >= n) {
              project = state(0);
              emit({
                type: 'tracking-done',
                runId: 'r1',
                videoPath: info.path,
                summary: {
                  frames: n,
                  persons: 480,
                  tracks: 3,
                  wallMs: 20000,
                  stageMs: {},
                  executionProvider: 'cpu',
                  warnings: [],
                },
              });
            }
          }
        }, 60);
        return ok({ runId: 'r1' });
      },
      cancel: () => ok(undefined),
      list: () => ok([]),
    },
    project: {
      load: () => ok(project),
      edit: () => ok((project = state(project.revision + 1))),
      undo: () => ok((project = state(0))),
      redo: () => ok(project),
      restorePrevious: () => ok(project),
      importResult: () => ok(project),
      addPerson: () => ok(project),
    },
    exports: { run: (_p, _f, out) => new Promise((r) => setTimeout(() => r({ exportId: 'e1', outPath: out }), 300)) },
    batch: {
      start: () => {
        setTimeout(
          () =>
            emit({
              type: 'batch-update',
              batchId: 'b1',
              finished: true,
              overall: { done: 3, total: 3 },
              files: [
                { input: '/data/clips/a.mp4', output: '/data/out/a.posetrack18.json', status: 'done', wallMs: 21000 },
                {
                  input: '/data/clips/broken.mp4',
                  output: '/data/out/broken.posetrack18.json',
                  status: 'failed',
                  error: 'ffprobe could not read /data/clips/broken.mp4: Invalid data found when processing input',
                },
                { input: '/data/clips/c.mp4', output: '/data/out/c.posetrack18.json', status: 'skipped' },
              ],
            }),
          200,
        );
        return ok({ batchId: 'b1' });
      },
      cancel: () => ok(undefined),
    },
    models: { list: () => ok(models), download: () => ok(undefined), import: () => ok(models[0]) },
    settings: { get: () => ok(settings), set: (p) => ok((settings = { ...settings, ...p })) },
    onEvent: (l) => (listeners.add(l), () => listeners.delete(l)),
  };
})();
