/**
 * Still images from packed RGB: PNG or JPEG files (written atomically) and in-memory JPEGs, which
 * the UI uses to show frames of videos the browser cannot play. Encoding uses @napi-rs/canvas
 * (Skia), which is in-process and much faster than starting ffmpeg per image. It is loaded on
 * first use only: once its native module is in a process, large Buffer allocations get slower
 * (frame reading there takes about twice the CPU), so processes that only decode never load it.
 */
import path from 'node:path';
import { writeFileAtomic } from '../util/fs';
import { rgbToRgba } from '../imaging/rgba';
import { VideoError } from './errors';
import { MAX_OUTPUT_SIDE_PX } from './read-plan';
import { prepareOutput } from './writer';

/** JPEG quality (0–100) when the caller gives none: small files, no visible blocking on video frames. */
export const DEFAULT_JPEG_QUALITY = 85;

type ImageFormat = 'png' | 'jpeg';

function checkImage(subject: string, rgb: Uint8Array, width: number, height: number): void {
  const side = (value: number) => Number.isInteger(value) && value >= 1 && value <= MAX_OUTPUT_SIDE_PX;
  if (!side(width) || !side(height))
    throw new VideoError('INVALID_ARGUMENT', subject, `Invalid image size ${width}x${height} for ${subject}.`);
  if (rgb.length !== width * height * 3) {
    throw new VideoError(
      'INVALID_ARGUMENT',
      subject,
      `Image data for ${subject} has ${rgb.length} bytes; ${width}x${height} RGB needs ${width * height * 3}.`,
    );
  }
}

async function encode(
  format: ImageFormat,
  rgb: Uint8Array,
  width: number,
  height: number,
  quality: number,
): Promise<Uint8Array> {
  const { createCanvas, ImageData } = await import('@napi-rs/canvas');
  const canvas = createCanvas(width, height);
  canvas.getContext('2d').putImageData(new ImageData(rgbToRgba(rgb, width * height), width, height), 0, 0);
  const bytes = format === 'png' ? await canvas.encode('png') : await canvas.encode('jpeg', quality);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** JPEG bytes of a packed RGB image; `quality` 0–100. */
export async function encodeJpeg(
  rgb: Uint8Array,
  width: number,
  height: number,
  quality = DEFAULT_JPEG_QUALITY,
): Promise<Uint8Array> {
  checkImage('JPEG image', rgb, width, height);
  if (!(Number.isFinite(quality) && quality >= 0 && quality <= 100))
    throw new VideoError('INVALID_ARGUMENT', 'JPEG image', `JPEG quality ${quality} must be within 0..100.`);
  return encode('jpeg', rgb, width, height, Math.round(quality));
}

/** Writes a packed RGB image as PNG or JPEG, chosen by the extension of `outPath`. */
export async function writeImage(outPath: string, rgb: Uint8Array, width: number, height: number): Promise<void> {
  const target = path.resolve(outPath);
  const extension = path.extname(target).toLowerCase();
  const format: ImageFormat | undefined =
    extension === '.png' ? 'png' : extension === '.jpg' || extension === '.jpeg' ? 'jpeg' : undefined;
  if (!format)
    throw new VideoError('INVALID_ARGUMENT', target, `Cannot write ${target}: use a .png, .jpg or .jpeg name.`);
  checkImage(target, rgb, width, height);
  await prepareOutput(target);
  const bytes = await encode(format, rgb, width, height, DEFAULT_JPEG_QUALITY);
  try {
    await writeFileAtomic(target, bytes);
  } catch (error) {
    throw new VideoError('WRITE_FAILED', target, `Cannot write ${target}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
