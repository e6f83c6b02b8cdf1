export interface DirEntry {
  name: string;
  path: string;
  kind: 'file' | 'dir';
  sizeBytes?: number;
}

export interface FilesApi {
  /** Lists a folder for the in-app file browser: folders plus videos and images ('media', default) or PoseTrack JSON files ('tracks'). */
  list(dir: string, show?: 'media' | 'model' | 'tracks'): Promise<DirEntry[]>;
}
