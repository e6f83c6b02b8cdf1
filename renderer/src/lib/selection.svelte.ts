/** Which tracks are selected, in the order they were picked (merge target first). */
export class SelectionStore {
  selected = $state.raw<number[]>([]);
  selectedSet = $derived(new Set(this.selected));

  /** Click selects one track; with `additive` (Ctrl/Shift) toggles it in a multi-selection. */
  selectTrack(trackId: number, additive: boolean): void {
    if (!additive) this.selected = this.selected.length === 1 && this.selected[0] === trackId ? [] : [trackId];
    else
      this.selected = this.selected.includes(trackId)
        ? this.selected.filter((id) => id !== trackId)
        : [...this.selected, trackId];
  }

  select(trackIds: readonly number[]): void {
    this.selected = [...trackIds];
  }

  clear(): void {
    this.selected = [];
  }

  /** Drops the selected tracks that no longer exist. */
  keepOnly(alive: ReadonlySet<number>): void {
    if (this.selected.some((id) => !alive.has(id))) this.selected = this.selected.filter((id) => alive.has(id));
  }
}
