/**
 * Whether the models a run needs can be fetched now, asked before a run starts so that every entry
 * point (the Track dialog, the Batch view, `posetrail track`) can say so and offer the installed
 * models instead of failing after a download attempt. One short request per download host; the
 * answer is kept for a while so that opening a dialog twice does not ask twice.
 */
import { downloadSource } from './download-source';
import type { ModelManifest } from './manifest';

/** How long a host may take to answer before it counts as unreachable. */
export const REACH_TIMEOUT_MS = 3000;
/** How long an answer is reused. */
const REACH_CACHE_MS = 30_000;

const answers = new Map<string, { reachable: boolean; atMs: number }>();

/** Words for the network errors a download can meet (never the bare code). */
const NETWORK_WORDS: Record<string, string> = {
  ENOTFOUND: 'the server name could not be looked up (this machine seems to be offline)',
  EAI_AGAIN: 'the server name could not be looked up (this machine seems to be offline)',
  ECONNREFUSED: 'the server refused the connection',
  ECONNRESET: 'the connection was cut',
  ETIMEDOUT: 'the server did not answer in time',
  ENETUNREACH: 'the network is unreachable (this machine seems to be offline)',
  EHOSTUNREACH: 'the server is unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'the server did not answer in time',
  UND_ERR_SOCKET: 'the connection was cut',
  CERT_HAS_EXPIRED: "the server's certificate has expired",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server's certificate could not be verified",
};

/** Why a request failed, in words: from the error's cause code (fetch wraps the system error). */
export function networkFailureWords(error: unknown, otherwise = 'the server could not be reached'): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code;
  if (code && NETWORK_WORDS[code]) return NETWORK_WORDS[code];
  if ((error as Error)?.name === 'TimeoutError') return NETWORK_WORDS.ETIMEDOUT;
  return otherwise;
}

async function hostAnswers(url: string): Promise<boolean> {
  const origin = new URL(url).origin;
  const known = answers.get(origin);
  if (known && performance.now() - known.atMs < REACH_CACHE_MS) return known.reachable;
  let reachable: boolean;
  try {
    // Any HTTP answer (even 404 or 405) means the network and the host are there.
    const response = await fetch(url, {
      method: 'HEAD',
      redirect: 'manual',
      signal: AbortSignal.timeout(REACH_TIMEOUT_MS),
    });
    await response.body?.cancel();
    reachable = true;
  } catch {
    reachable = false;
  }
  answers.set(origin, { reachable, atMs: performance.now() });
  return reachable;
}

/** True when every download host of `manifests` answers now (models without a source are skipped). */
export async function canFetchNow(manifests: readonly ModelManifest[]): Promise<boolean> {
  const urls = new Set<string>();
  for (const manifest of manifests) {
    try {
      urls.add(downloadSource(manifest).url);
    } catch {
      // No download address: not a question of the network.
    }
  }
  const results = await Promise.all([...urls].map(hostAnswers));
  return results.every(Boolean);
}

/** Forgets earlier answers (tests; a machine that came back online). */
export function forgetReachability(): void {
  answers.clear();
}
