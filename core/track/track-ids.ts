/**
 * Hands out a tracker's ids: from 0, below `maxTrackIds` (the output format's bound); after that
 * many tracks they wrap around, skipping ids still live.
 */
export class TrackIdPool {
  private nextId = 0;

  constructor(private readonly maxTrackIds: number) {}

  /** The next id not in `liveIds`; throws when every id below the bound is live. */
  allocate(liveIds: ReadonlySet<number>): number {
    if (liveIds.size >= this.maxTrackIds) {
      throw new Error(`PoseTracker: ${this.maxTrackIds} tracks are live at once; no track id is free.`);
    }
    while (liveIds.has(this.nextId)) this.nextId = (this.nextId + 1) % this.maxTrackIds;
    const id = this.nextId;
    this.nextId = (this.nextId + 1) % this.maxTrackIds;
    return id;
  }
}
