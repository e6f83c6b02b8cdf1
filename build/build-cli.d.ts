export const CLI_OUT_DIR: string;
/** Output name (without extension) → source file, for the CLI and each module it starts beside itself. */
export const CLI_ENTRY_POINTS: Record<string, string>;
export function buildCli(options?: { outdir?: string }): Promise<{ outdir: string; inputs: number }>;
