/** The benchmark report: machine description, and the summary printed after a run. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface SectionResult {
  status: 'ok' | 'error';
  durationMs: number;
  results?: Record<string, unknown>;
  error?: { message: string; stack?: string };
}

export interface BenchReport {
  startedAt: string;
  durationMs: number;
  args: string[];
  machine: Record<string, unknown>;
  versions: Record<string, string>;
  sections: Record<string, SectionResult>;
}

function packageVersion(repoRoot: string, name: string): string {
  try {
    return JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

function firstLineOf(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0];
  } catch {
    return 'not found';
  }
}

export function describeMachine(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    platform: os.platform(),
    arch: os.arch(),
    release: os.release(),
    cpuModel: cpus[0]?.model ?? 'unknown',
    cpuCount: cpus.length,
    availableParallelism: os.availableParallelism(),
    totalMemoryBytes: os.totalmem(),
    loadAverageAtStart: os.loadavg(),
  };
}

export function describeVersions(repoRoot: string): Record<string, string> {
  return {
    node: process.version,
    onnxruntimeNode: packageVersion(repoRoot, 'onnxruntime-node'),
    ffmpeg: firstLineOf(process.env.POSETRAIL_FFMPEG ?? 'ffmpeg', ['-version']),
  };
}

/** Every `{ value, target, pass }` inside a section's results, with its path. */
export function targetLines(results: unknown, prefix = ''): string[] {
  if (!results || typeof results !== 'object') return [];
  const record = results as Record<string, unknown>;
  if (typeof record.pass === 'boolean' && 'value' in record && 'target' in record) {
    return [`${record.pass ? 'PASS' : 'FAIL'}  ${prefix}: ${record.value} (target ${record.target})`];
  }
  return Object.entries(record).flatMap(([key, value]) => targetLines(value, prefix ? `${prefix}.${key}` : key));
}

/**
 * Figures a section found worse than in its previous run (`results.regressions`, a list of
 * lines; the quality section reports them): named in the summary, and the bench exits non-zero.
 */
export function sectionRegressions(section: SectionResult): string[] {
  const regressions = section.results?.regressions;
  return Array.isArray(regressions) ? regressions.map(String) : [];
}

export function summary(report: BenchReport, reportPath: string): string {
  const lines = [`Benchmark report: ${reportPath} (${(report.durationMs / 1000).toFixed(1)} s)`];
  for (const [name, section] of Object.entries(report.sections)) {
    const seconds = (section.durationMs / 1000).toFixed(1);
    if (section.status === 'error') {
      lines.push(`  ${name}: ERROR after ${seconds} s: ${section.error?.message}`);
      continue;
    }
    lines.push(`  ${name}: ok in ${seconds} s`);
    for (const line of targetLines(section.results)) lines.push(`    ${line}`);
    for (const line of sectionRegressions(section)) lines.push(`    WORSE  ${line}`);
  }
  return lines.join('\n');
}
