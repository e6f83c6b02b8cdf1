import type { ExportFormat } from '../../export-formats';

export interface ExportOptions {
  /** Replace an existing file at outPath; without it the export refuses (ALREADY_EXISTS for an earlier Posetrail export, EXPORT_EXISTS for a file Posetrail did not write). */
  overwrite?: boolean;
  /** Leave hidden tracks out of the file. */ excludeHidden?: boolean;
}

export interface ExportsApi {
  /** Refuses to replace an existing file unless `overwrite` (see ExportOptions). */
  run(
    videoPath: string,
    format: ExportFormat,
    outPath: string,
    options?: ExportOptions,
  ): Promise<{ exportId: string; outPath: string }>;
}
