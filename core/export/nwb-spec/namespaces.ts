import hdmfCommon from './hdmf-common.json';
import ndxPose from './ndx-pose.json';

/**
 * The specifications an NWB file caches under `/specifications/<name>/<version>/<source>` (each
 * source a JSON string, as pynwb writes them). The JSON files here are generated from the
 * published YAML: see README.md in this folder for their sources, versions and licence.
 */
export interface CachedNamespace {
  name: string;
  version: string;
  /** Where the YAML came from (repository, path, commit). */
  source: string;
  /** `namespace` and each schema source file (without `.yaml`), parsed. */
  files: Record<string, unknown>;
}

export const NWB_CACHED_NAMESPACES: readonly CachedNamespace[] = [hdmfCommon, ndxPose];

/**
 * The NWB core version the file declares (root `nwb_version`): 2.6.0, the release built on
 * hdmf-common 1.5.1 (the one cached here). Core itself is not cached: see README.md.
 */
export const NWB_CORE_VERSION = '2.6.0';
