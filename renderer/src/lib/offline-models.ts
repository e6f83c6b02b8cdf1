/**
 * Offline defaults for the Track dialog and the Batch view: when the models a run would use are
 * not installed and cannot be fetched now (the host says their server does not answer, or a
 * download already failed in this app start), the installed models that do the same job are
 * chosen before anything starts, with a line in words saying so.
 */
import type { ModelEntry, PoseApi } from '../../../core/api/pose-api';
import { failedDownloads, preferredModel } from './installed-models';

export interface ModelPair {
  detector: string;
  poseModel: string;
}

export interface OfflineChoice extends ModelPair {
  /** What happened and what was chosen, for the form. */
  note: string;
}

const nameOf = (models: readonly ModelEntry[], id: string) => models.find((m) => m.id === id)?.name ?? id;

/** The installed pair to use instead of `chosen`, or null when `chosen` is installed or can be fetched. */
export async function installedWhenOffline(
  api: PoseApi,
  models: readonly ModelEntry[],
  chosen: ModelPair,
): Promise<OfflineChoice | null> {
  const missing = [chosen.detector, chosen.poseModel].flatMap(
    (id) => models.find((m) => m.id === id && !m.installed && m.downloadable) ?? [],
  );
  if (missing.length === 0) return null;
  const failedBefore = missing.some((m) => failedDownloads.has(m.id));
  // A host that cannot tell is treated as online: the download then says what went wrong.
  if (!failedBefore && (await api.models.canFetch(missing.map((m) => m.id)).catch(() => true))) return null;
  for (const m of missing) failedDownloads.add(m.id);
  const next = {
    detector: preferredModel(models, 'person-detector', chosen.detector),
    poseModel: preferredModel(models, 'pose-topdown-heatmap', chosen.poseModel),
  };
  const names = missing.map((m) => m.name).join(' and ');
  const cannot = `${names} ${missing.length > 1 ? 'are' : 'is'} not installed and cannot be downloaded now (this machine seems to be offline)`;
  const stillMissing = [next.detector, next.poseModel].filter((id) => missing.some((m) => m.id === id));
  if (stillMissing.length) {
    return {
      ...next,
      note: `${cannot}, and no installed model can do ${stillMissing.length > 1 ? 'their' : 'its'} job: import one under Settings → Models.`,
    };
  }
  return {
    ...next,
    note: `${cannot}. Installed models are selected instead: ${nameOf(models, next.detector)} and ${nameOf(models, next.poseModel)}.`,
  };
}
