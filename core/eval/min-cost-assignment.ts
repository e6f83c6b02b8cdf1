// The solver is shared with track-piece stitching, a layer below; it lives in core/util.
export { minCostAssignment } from '../util/min-cost-assignment';
