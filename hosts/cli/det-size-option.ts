import { InvalidArgumentError, Option, type Command } from 'commander';
import { checkDetectorInputSize } from '../../core/detect/input-size';

export const DET_SIZE_HELP =
  'detector input side in px (a multiple of 32) for detectors whose models take any size, such as rtmdet-nano (320 by default; 640 finds smaller people)';

export function parseDetSize(value: string): number {
  const sizePx = Number(value);
  try {
    checkDetectorInputSize(sizePx);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
  return sizePx;
}

/**
 * `--det-size` stored under the run setting's name, so the value keeps one name from the flag to
 * the run (`detectorInputSizePx`, see core/settings/run-settings.ts) instead of commander's `detSize`.
 */
class DetectorInputSizeOption extends Option {
  override attributeName(): string {
    return 'detectorInputSizePx';
  }
}

/** Adds `--det-size <px>` to a command that runs the detector; its value is `options.detectorInputSizePx`. */
export function addDetSizeOption(command: Command): Command {
  return command.addOption(new DetectorInputSizeOption('--det-size <px>', DET_SIZE_HELP).argParser(parseDetSize));
}
