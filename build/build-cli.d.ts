export const CLI_OUT_DIR: string;
export function buildCli(options?: { outdir?: string }): Promise<{ outdir: string; inputs: number }>;
