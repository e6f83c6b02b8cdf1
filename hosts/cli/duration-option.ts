import { InvalidArgumentError } from 'commander';

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s)?$/;

/** A duration on the command line: "3s", "2.5s", "500ms" or plain seconds ("3"). Parsed into ms. */
export function parseDurationMs(flag: string): (value: string) => number {
  return (value) => {
    const match = DURATION.exec(value.trim());
    if (!match) throw new InvalidArgumentError(`${flag} needs a duration such as 3s, 2.5s or 500ms, got "${value}".`);
    const amount = Number(match[1]);
    return match[2] === 'ms' ? amount : Math.round(amount * 1000 * 1000) / 1000;
  };
}
