// Hostile or careless vendor files (issue #13, findings 7, 10, 11): every one is a configuration
// error naming the file and where in it, never a hang, a crash or a URL path a platform would
// not accept.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { backtrackingRisk, regexProblem, safeRegex } from '../../src/shared/safe-regex.js';
import { isGithubTarget, isHubNamespace, isHubRepoId } from '../../src/shared/ids.js';
import { UsageError } from '../../src/errors.js';
import { tmpDir } from '../helpers/tmp.js';

function feeds(files: Record<string, string>): string {
  const dir = tmpDir();
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

function problems(dir: string): string {
  try {
    loadConfig({ env: {}, feeds: dir });
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error('expected a configuration error');
}

// A "billion laughs" for YAML: each level doubles the aliases of the one before.
const ALIAS_BOMB = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat(
    Array.from(
      { length: 8 },
      (_, i) =>
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
          .fill('*' + String.fromCharCode(97 + i))
          .join(',')}]`,
    ),
  )
  .join('\n');

describe('hostile configuration', () => {
  it('an alias bomb is a YAML problem with the file, line and column (exit 2), not a crash', () => {
    const dir = feeds({ 'bomb.yaml': `vendor: Bomb\nlines: {}\nsources: []\n${ALIAS_BOMB}\n` });
    const msg = problems(dir);
    // The first alias is on line 5 (`b: &b [*a, …]`), column 8 (the `*`).
    expect(msg).toContain(`${path.join(dir, 'bomb.yaml')}:5:8: YAML: Excessive alias count`);
  });

  it('a regex that backtracks without end is refused at load with file and path, and runs nowhere', () => {
    const dir = feeds({
      'evil.yaml': [
        'vendor: Evil',
        'lines:',
        '  open: { name: Open, match: ["open", "(a+)+$(?!x)"] }',
        'sources:',
        '  - feed: https://example.com/rss.xml',
        '    include: ["(a|aa)*(?=b)c"]',
        'alerts:',
        '  exclude: ["(\\\\w+\\\\s?)*$(?<!z)"]',
        '',
      ].join('\n'),
    });
    const msg = problems(dir);
    const file = path.join(dir, 'evil.yaml');
    expect(msg).toContain(`${file}:3: lines.open.match[1]: regular expression refused: a repeated group`);
    expect(msg).toContain(`${file}:6: sources[0].include[0]: regular expression refused`);
    expect(msg).toContain(`${file}:8: alerts.exclude[0]: regular expression refused`);
  });

  it('patterns RE2 can run are linear: `(a+)+$` on 40 a and ! answers at once', () => {
    // A backtracking engine needs about 2^40 steps for this answer; finishing at all is the check.
    expect(safeRegex('(a+)+$').test('a'.repeat(40) + '!')).toBe(false);
    expect(safeRegex('(a+)+$').test('a'.repeat(40))).toBe(true);
    expect(safeRegex('^(a+)+$').test('a'.repeat(40) + '!')).toBe(false);
    expect(safeRegex('^Introducing (?<model>.+)$').exec('introducing Muse Spark')?.groups?.model).toBe('Muse Spark');
  });

  it('lookaround patterns of the shipped vendor files stay allowed, on the JavaScript engine', () => {
    expect(regexProblem('\\bqwen\\d*(\\.\\d+)?[- ](?!max)')).toBeNull();
    expect(regexProblem('\\bgpt-?\\d(\\.\\d+)?(?!-oss)')).toBeNull();
    expect(safeRegex('\\bgpt-?\\d(\\.\\d+)?(?!-oss)').test('gpt-oss-120b')).toBe(false);
    expect(safeRegex('\\bgpt-?\\d(\\.\\d+)?(?!-oss)').test('GPT-5.1')).toBe(true);
    expect(backtrackingRisk('a*b*c*d*e')).toMatch(/more than 3 unbounded/);
    expect(backtrackingRisk('(ab){2}(?=c)')).toBeNull();
    expect(backtrackingRisk('(a{2,})+(?=c)')).toMatch(/repeated group/);
  });

  it('Hub and GitHub names are checked as the platforms define them', () => {
    const dir = feeds({
      'trav.yaml':
        'vendor: T\nlines: {}\nsources:\n  - huggingface: ".."\n  - github: "owner/.."\n  - github: "-bad/repo"\n  - github: "a/b/c"\n',
    });
    const msg = problems(dir);
    const file = path.join(dir, 'trav.yaml');
    expect(msg).toContain(`${file}:4: sources[0].huggingface: expected a Hugging Face author or org name`);
    for (const i of [1, 2, 3]) expect(msg).toContain(`${file}:${i + 4}: sources[${i}].github: expected owner/repo or owner`);
    expect(isHubRepoId('meta-llama/Llama-3.1-8B')).toBe(true);
    expect(isHubRepoId('gpt2')).toBe(true);
    expect(isHubRepoId('traversal/../../capture-trav')).toBe(false);
    expect(isHubRepoId('a/b/c')).toBe(false);
    expect(isHubRepoId('a/b.git')).toBe(false);
    expect(isHubRepoId('a/-b')).toBe(false);
    expect(isHubNamespace('meta-llama')).toBe(true);
    expect(isGithubTarget('meta-llama/llama-models')).toBe(true);
    expect(isGithubTarget('openai')).toBe(true);
    expect(isGithubTarget('a--b/x')).toBe(false);
  });
});
