/**
 * The execution devices a run can ask for, defined once. The TypeScript type, the API's zod enum,
 * the CLI's `--device` choices and the provider order of `auto` all derive from this table.
 * No imports: the contract, the renderer and the model layer all read it.
 */
interface DeviceSpec {
  /** ONNX Runtime's execution provider name; null for `auto`, which picks one. */
  provider: string | null;
  /** Node platforms (`process.platform`) where `auto` tries this device; null: every platform. */
  autoPlatforms: readonly string[] | null;
}

const DEVICE_TABLE = {
  auto: { provider: null, autoPlatforms: null },
  cpu: { provider: 'cpu', autoPlatforms: null },
  cuda: { provider: 'cuda', autoPlatforms: null },
  webgpu: { provider: 'webgpu', autoPlatforms: null },
  dml: { provider: 'dml', autoPlatforms: ['win32'] },
  coreml: { provider: 'coreml', autoPlatforms: ['darwin'] },
} as const satisfies Record<string, DeviceSpec>;

export type ExecutionDevice = keyof typeof DEVICE_TABLE;
/** A device that names one provider (every device but `auto`). */
export type ExecutionProvider = Exclude<ExecutionDevice, 'auto'>;

/** Every device, in the order the CLI and the settings list them. */
export const EXECUTION_DEVICES = Object.keys(DEVICE_TABLE) as [ExecutionDevice, ...ExecutionDevice[]];

/** The GPU providers, in `auto`'s order of preference: discrete-GPU APIs first, the platform's own API next. */
export const GPU_PROVIDERS = EXECUTION_DEVICES.filter(
  (device): device is Exclude<ExecutionProvider, 'cpu'> => device !== 'auto' && device !== 'cpu',
);

/** Providers `device` tries in order; `auto` tries this platform's GPU providers, then the CPU. */
export function providerPreference(device: ExecutionDevice, platform: string): ExecutionProvider[] {
  if (device !== 'auto') return device === 'cpu' ? ['cpu'] : [device, 'cpu'];
  const onPlatform = GPU_PROVIDERS.filter((gpu) => {
    const platforms: readonly string[] | null = DEVICE_TABLE[gpu].autoPlatforms;
    return platforms === null || platforms.includes(platform);
  });
  return [...onPlatform, 'cpu'];
}
