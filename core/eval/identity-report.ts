import { addHotaCounts, emptyHotaCounts, hotaCounts, hotaScores, type HotaCounts, type HotaScores } from './hota';
import { addIdCounts, idCounts, idScores, type IdCounts, type IdScores } from './idf1';
import type { IdentityFrame } from './identity-frame';

/** IDF1 (IDP, IDR) and HOTA (DetA, AssA), in 0..1. */
export type IdentityScores = IdScores & HotaScores;

export interface IdentityReport {
  /** In the order the sequences were evaluated. */
  perSequence: IdentityScores[];
  overall: IdentityScores;
}

/**
 * Collects the identity metrics sequence by sequence; ids are matched within each sequence, and
 * the overall scores come from the summed counts (as TrackEval combines sequences).
 */
export class IdentityAccumulator {
  private readonly perSequence: IdentityScores[] = [];
  private ids: IdCounts = { idtp: 0, gtCount: 0, predCount: 0 };
  private hota: HotaCounts = emptyHotaCounts();

  addSequence(frames: readonly IdentityFrame[]): void {
    const ids = idCounts(frames);
    const hota = hotaCounts(frames);
    this.perSequence.push({ ...idScores(ids), ...hotaScores(hota) });
    this.ids = addIdCounts(this.ids, ids);
    this.hota = addHotaCounts(this.hota, hota);
  }

  report(): IdentityReport {
    return { perSequence: [...this.perSequence], overall: { ...idScores(this.ids), ...hotaScores(this.hota) } };
  }
}

const percent = (v: number) => (Number.isNaN(v) ? 'n/a' : (100 * v).toFixed(1));

/** One line per score set, e.g. "IDF1 87.5 (IDP 90.0, IDR 85.2)  HOTA 70.1 (DetA 72.0, AssA 68.3)". */
export function formatIdentityScores(label: string, s: IdentityScores): string {
  return `${label.padEnd(10)} IDF1 ${percent(s.idf1)} (IDP ${percent(s.idp)}, IDR ${percent(s.idr)})  HOTA ${percent(s.hota)} (DetA ${percent(s.detA)}, AssA ${percent(s.assA)})`;
}
