import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './source-imports';

const SCRIPT = path.join(REPO_ROOT, '.ci/commit-subjects');
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.org',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.org',
};

let repo = '';
afterEach(() => rmSync(repo, { recursive: true, force: true }));

const git = (...args: string[]): string =>
  execFileSync('git', args, { cwd: repo, env: GIT_ENV, encoding: 'utf8' }).trim();
const commit = (message: string): string => {
  git('commit', '-q', '--allow-empty', '-m', message);
  return git('rev-parse', '--short', 'HEAD');
};

function newRepo(): string {
  repo = mkdtempSync(path.join(os.tmpdir(), 'posetrail-commit-subjects-'));
  git('init', '-q');
  return commit('Base: anything goes before it, this subject included, however long it happens to be');
}

function check(base: string): { status: number | null; out: string } {
  const run = spawnSync(SCRIPT, [base], { cwd: repo, env: GIT_ENV, encoding: 'utf8' });
  return { status: run.status, out: run.stdout };
}

describe('.ci/commit-subjects', () => {
  it('passes subjects of at most 72 characters with a body, × and → counted as one each', () => {
    const base = newRepo();
    commit(`${'×'.repeat(36)}${'→'.repeat(36)}\n\nWhy, with the figures.`);
    expect(check(base)).toEqual({ status: 0, out: '' });
  });

  it('names each commit after the base with a long subject or no body, and fails', () => {
    const base = newRepo();
    const long = commit(`${'a'.repeat(73)}\n\nA body.`);
    const bare = commit('A short subject alone');
    const wrapped = commit('A subject that runs on\nto a second line\n\nA body.');
    const { status, out } = check(base);
    expect(status).toBe(1);
    expect(out.trim().split('\n')).toEqual([
      `${long}: subject of 73 characters (at most 72): ${'a'.repeat(73)}`,
      `${bare}: no body after the subject (say why, with the figures): A short subject alone`,
      `${wrapped}: the subject runs onto a second line (one line, then a blank line): A subject that runs on to a second line`,
    ]);
  });
});
