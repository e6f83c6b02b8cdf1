/**
 * Times on the command line: seconds ("12.5") or a clock reading ("1:05", "1:05.25", "0:01:05"),
 * as a video player shows them. Parsed into milliseconds from the first frame.
 */
import { InvalidArgumentError } from 'commander';

const CLOCK = /^(?:(\d+):)?(\d+):(\d{1,2}(?:\.\d+)?)$/;
const SECONDS = /^\d+(?:\.\d+)?$/;

export function parseTimeMs(flag: string): (value: string) => number {
  return (value) => {
    const text = value.trim();
    if (SECONDS.test(text)) return Number(text) * 1000;
    const clock = CLOCK.exec(text);
    if (clock && Number(clock[3]) < 60 && (clock[1] === undefined || Number(clock[2]) < 60)) {
      const [hours, minutes, seconds] = [Number(clock[1] ?? 0), Number(clock[2]), Number(clock[3])];
      return Math.round(((hours * 60 + minutes) * 60 + seconds) * 1000 * 1000) / 1000;
    }
    throw new InvalidArgumentError(
      `${flag} needs a time in seconds (12.5) or as [h:]m:ss (1:05, 0:01:05.5), got "${value}".`,
    );
  };
}
