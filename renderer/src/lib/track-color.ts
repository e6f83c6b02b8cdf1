/** One palette for the drawn overlays (CLI, overlay video) and the UI: the same id, the same colour. */
export { trackColorHex } from '../../../core/render/colors';
