/**
 * Small video fixtures generated with ffmpeg in a temp folder: a variable-frame-rate clip, a
 * rotated clip, image sequences and a set of broken inputs. Frames of the generated clips are
 * flat grey at a level that encodes their index (`levelOfFrame`), so tests can tell which frame
 * they got even after lossy compression.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VIDEOS } from '../../helpers/assets';

export const FIXTURE_SIZE = { width: 96, height: 64 };

/** Grey level of generated frame `index` (distinct, far apart: JPEG/H.264 keep them within ±2). */
export function levelOfFrame(index: number): number {
  return 20 + index * 5;
}

/** VFR clip layout: 10 frames at 10 fps, 20 at 30 fps, 10 at 15 fps. */
export const VFR_FRAME_COUNT = 40;
export function vfrTimeMs(index: number): number {
  if (index < 10) return index * 100;
  if (index < 30) return 1000 + ((index - 10) * 1000) / 30;
  return 1000 + (20 * 1000) / 30 + ((index - 30) * 1000) / 15;
}

// round(): setpts truncates, and 50/30 s in seconds times 30 is 49.999…, which would give two
// frames the same timestamp.
const VFR_SETPTS = "setpts='round((if(lt(N,10),N/10,if(lt(N,30),1+(N-10)/30,1+20/30+(N-30)/15)))/TB)'";
const GREY_SOURCE = `color=black:s=${FIXTURE_SIZE.width}x${FIXTURE_SIZE.height}:r=30,format=gray,geq=lum='20+N*5'`;

export function ffmpeg(...args: string[]): Buffer {
  return execFileSync('ffmpeg', ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...args], { maxBuffer: 1 << 30 });
}

/** Mean of all channels of a packed RGB frame. */
export function meanLevel(rgb: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < rgb.length; i++) sum += rgb[i];
  return sum / rgb.length;
}

export interface Fixtures {
  dir: string;
  vfr: string;
  /** The VFR clip in MPEG-TS, whose clock starts at 1.6 s, not 0, and which has no frame index. */
  vfrTs: string;
  /** The VFR clip after 0.5 s of audio: the container starts before the first video frame. */
  vfrAfterAudio: string;
  /** The 5-frame street clip remuxed to Matroska, which stores no frame count. */
  streetMkv: string;
  /** 160x90 with a red block at the top-left, tagged to display rotated. */
  rotated: string;
  /** The same clip without rotation. */
  unrotated: string;
  /** frame1.png … frame12.png plus a stray text file. */
  pngFolder: string;
  /** 000000.jpg … 000007.jpg plus files that do not fit the pattern. */
  jpegPattern: string;
  emptyFolder: string;
  bad: Record<'missing' | 'empty' | 'text' | 'truncatedVp9' | 'truncatedMpeg4' | 'audioOnly' | 'unknownCodec', string>;
  cleanup(): void;
}

function halfOf(source: string, target: string): string {
  const bytes = readFileSync(source);
  writeFileSync(target, bytes.subarray(0, Math.floor(bytes.length / 2)));
  return target;
}

function makeSequences(dir: string): Pick<Fixtures, 'pngFolder' | 'jpegPattern' | 'emptyFolder'> {
  const pngFolder = path.join(dir, 'png-frames');
  mkdirSync(pngFolder);
  ffmpeg(
    '-f',
    'lavfi',
    '-i',
    GREY_SOURCE,
    '-frames:v',
    '12',
    '-start_number',
    '1',
    path.join(pngFolder, 'frame%d.png'),
  );
  writeFileSync(path.join(pngFolder, 'notes.txt'), 'not a frame');
  const jpegFolder = path.join(dir, 'jpeg-frames');
  mkdirSync(jpegFolder);
  ffmpeg(
    '-f',
    'lavfi',
    '-i',
    GREY_SOURCE,
    '-frames:v',
    '8',
    '-q:v',
    '2',
    '-start_number',
    '0',
    path.join(jpegFolder, '%06d.jpg'),
  );
  copyFileSync(path.join(jpegFolder, '000000.jpg'), path.join(jpegFolder, 'thumb.jpg'));
  copyFileSync(path.join(jpegFolder, '000000.jpg'), path.join(jpegFolder, '12.jpg'));
  const emptyFolder = path.join(dir, 'no-frames');
  mkdirSync(emptyFolder);
  writeFileSync(path.join(emptyFolder, 'readme.txt'), 'nothing here');
  return { pngFolder, jpegPattern: path.join(jpegFolder, '%06d.jpg'), emptyFolder };
}

function makeBadInputs(dir: string): Fixtures['bad'] {
  const empty = path.join(dir, 'empty.mp4');
  writeFileSync(empty, '');
  const text = path.join(dir, 'notes.mp4');
  writeFileSync(text, 'These are meeting notes, not a video.\n'.repeat(20));
  const audioOnly = path.join(dir, 'tone.m4a');
  ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=440:duration=0.5', '-c:a', 'aac', audioOnly);
  // A Matroska file whose codec id no ffmpeg knows: same bytes as an MPEG-4 clip, renamed codec.
  const mpeg4Mkv = path.join(dir, 'mpeg4.mkv');
  ffmpeg('-f', 'lavfi', '-i', GREY_SOURCE, '-frames:v', '5', '-c:v', 'mpeg4', mpeg4Mkv);
  const unknownCodec = path.join(dir, 'unknown-codec.mkv');
  const bytes = readFileSync(mpeg4Mkv);
  writeFileSync(
    unknownCodec,
    Buffer.from(bytes.toString('latin1').replace('V_MPEG4/ISO/ASP', 'V_POSETRAIL/XYZ'), 'latin1'),
  );
  return {
    missing: path.join(dir, 'does-not-exist.mp4'),
    empty,
    text,
    truncatedVp9: halfOf(VIDEOS.twoPeople, path.join(dir, 'half-vp9.mp4')),
    truncatedMpeg4: halfOf(VIDEOS.street, path.join(dir, 'half-mpeg4.mp4')),
    audioOnly,
    unknownCodec,
  };
}

export function makeFixtures(): Fixtures {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'posetrail-video-'));
  const vfr = path.join(dir, 'vfr.mp4');
  ffmpeg(
    '-f',
    'lavfi',
    '-i',
    GREY_SOURCE,
    '-frames:v',
    String(VFR_FRAME_COUNT),
    '-vf',
    VFR_SETPTS,
    '-fps_mode',
    'passthrough',
    '-c:v',
    'libx264',
    '-pix_fmt',
    'yuv420p',
    vfr,
  );
  const vfrTs = path.join(dir, 'vfr.ts');
  ffmpeg('-i', vfr, '-c', 'copy', '-f', 'mpegts', vfrTs);
  const vfrAfterAudio = path.join(dir, 'vfr-after-audio.mp4');
  ffmpeg(
    '-itsoffset',
    '0.5',
    '-i',
    vfr,
    '-f',
    'lavfi',
    '-i',
    'sine=duration=3',
    '-map',
    '0:v',
    '-map',
    '1:a',
    '-c:v',
    'copy',
    '-c:a',
    'aac',
    '-shortest',
    vfrAfterAudio,
  );
  const streetMkv = path.join(dir, 'street.mkv');
  ffmpeg('-i', VIDEOS.street, '-c', 'copy', streetMkv);
  const unrotated = path.join(dir, 'unrotated.mp4');
  ffmpeg(
    '-f',
    'lavfi',
    '-i',
    'color=black:s=160x90:r=10,drawbox=x=0:y=0:w=40:h=30:color=red:t=fill',
    '-frames:v',
    '3',
    '-c:v',
    'libx264',
    '-pix_fmt',
    'yuv420p',
    unrotated,
  );
  const rotated = path.join(dir, 'rotated.mp4');
  // ffmpeg 5.1 turns the legacy rotate tag into a display matrix when remuxing.
  ffmpeg('-i', unrotated, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', rotated);
  const fixtures = {
    dir,
    vfr,
    vfrTs,
    vfrAfterAudio,
    streetMkv,
    rotated,
    unrotated,
    ...makeSequences(dir),
    bad: makeBadInputs(dir),
  };
  if (statSync(fixtures.bad.unknownCodec).size === 0) throw new Error('fixture generation failed');
  return { ...fixtures, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
