export class ElectronMissingError extends Error {}
export function electronBinaryPath(electronDir: string, env?: NodeJS.ProcessEnv): string | null;
export function offlineHelp(electronDir: string, cause?: string): string;
export function ensureElectronBinary(
  electronDir: string,
  options?: { log?: (line: string) => void; env?: NodeJS.ProcessEnv },
): Promise<string>;
