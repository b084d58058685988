// The history commands, run as a user runs them (the built CLI) on a database made through the
// real migrations and filled by the store's functions (fixture-db.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { buildFixtureDb, daysAgo, MODELS, MUSE_POST_URL, releasedAt } from './fixture-db.js';

let file: string;
let now: number;

beforeAll(() => {
  const f = buildFixtureDb();
  f.db.close();
  file = f.file;
  now = f.now;
});

async function json<T = unknown>(args: string[]): Promise<T> {
  const r = await runCli([...args, '--db', file, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
}

type Release = Record<string, unknown> & { model: string; releasedAt: string };

describe('modelwatch releases', () => {
  it('--json: one row per release (sizes of one launch together), newest first, with the contract fields', async () => {
    const rows = await json<Release[]>(['releases']);
    // gemma-4-12b-it and gemma-4-27b-it are one launch (Gemma 4): one row, the 12B its main artefact.
    const dated = MODELS.filter((m) => m.released !== null && m.id !== 'google/gemma-4-27b-it');
    expect(rows.map((r) => r.model)).toEqual(
      [...dated].sort((a, b) => a.released! - b.released! || a.id.localeCompare(b.id)).map((m) => m.id),
    );
    expect(rows.map((r) => r.model)).not.toContain('meta/muse-next');
    expect(rows.find((r) => r.model === 'google/gemma-4-12b-it')).toMatchObject({
      release: 'gemma 4',
      family: 'gemma',
      side: 'open',
      level: '4',
      models: ['google/gemma-4-12b-it', 'google/gemma-4-27b-it'],
    });
    const llama = rows.find((r) => r.model === 'meta-llama/Llama-3.1-8B-Instruct')!;
    expect(llama).toMatchObject({ release: 'Llama 3.1', family: 'llama', side: 'open', models: ['meta-llama/Llama-3.1-8B-Instruct'] });
    expect(llama).toMatchObject({
      model: 'meta-llama/Llama-3.1-8B-Instruct',
      name: 'Llama 3.1', // the release's name (the model's own is in \`models\` and \`model <id>\`)
      vendor: 'meta',
      line: 'open',
      level: '3b',
      license: 'llama3.1',
      releasedAt: daysAgo(600, now),
      url: 'https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct',
      gated: 'manual',
      weights: true,
      parameters: 8_030_000_000,
      withdrawnAt: null,
    });
    const muse = rows.find((r) => r.model === 'meta/muse-spark')!;
    expect(muse).toMatchObject({ line: 'proprietary', level: '2', license: null });
    for (const r of rows) {
      expect(r.releasedAt).toMatch(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{3})?Z)?$/);
      expect(['open', 'proprietary', null]).toContain(r.line);
      expect(['0', '1', '2', '3a', '3b', '4', '5', null]).toContain(r.level);
    }
  });

  it('--since 90d --vendor meta: only Meta releases of the last 90 days', async () => {
    const rows = await json<Release[]>(['releases', '--since', '90d', '--vendor', 'meta']);
    expect(rows.map((r) => r.model)).toEqual(['meta/muse-spark']);
  });

  it('--line and --level filter', async () => {
    expect((await json<Release[]>(['releases', '--line', 'proprietary'])).map((r) => r.model)).toEqual([
      'meta/muse-spark',
      'microsoft/mai-2',
    ]);
    expect((await json<Release[]>(['releases', '--level', '5'])).map((r) => r.model)).toEqual(['allenai/OLMo-2-1124-7B']);
  });

  it('--since/--until dates bound whole days, whatever the stored form', async () => {
    // microsoft/phi-4 is stored as a bare date; bounding exactly that day finds it.
    const phi = MODELS.find((m) => m.id === 'microsoft/phi-4')!;
    const day = releasedAt(phi, now)!;
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await json<Release[]>(['releases', '--since', day, '--until', day])).map((r) => r.model)).toEqual(['microsoft/phi-4']);
    const llamaDay = daysAgo(600, now).slice(0, 10);
    expect((await json<Release[]>(['releases', '--since', llamaDay, '--until', llamaDay])).map((r) => r.model)).toEqual([
      'meta-llama/Llama-3.1-8B-Instruct',
    ]);
  });

  it('--csv: a header of the JSON field names, one line per release', async () => {
    const r = await runCli(['releases', '--db', file, '--csv', '--vendor', 'microsoft']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'model,name,vendor,line,level,license,releasedAt,url,gated,weights,parameters,withdrawnAt,release,family,side,models',
    );
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['microsoft/mai-2', 'microsoft/Phi-4-mini-instruct', 'microsoft/phi-4']);
    expect(lines[2]).toContain(',microsoft,open,4,mit,');
  });

  it('prints a plain table when stdout is not a terminal', async () => {
    const r = await runCli(['releases', '--db', file, '--vendor', 'meta']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^RELEASED\s+VENDOR\s+RELEASE\s+FAMILY\s+SIDE\s+LEVEL\s+LICENSE\s+ARTEFACTS$/);
    expect(lines[1]).toMatch(
      new RegExp(`^${daysAgo(20, now).slice(0, 10)}\\s+meta\\s+muse spark\\s+muse spark\\s+proprietary\\s+2\\s+-\\s+1$`),
    );
    expect(lines).toHaveLength(4);
    expect(r.stdout).not.toContain('\x1b[');
  });

  it('says so when nothing matches', async () => {
    const r = await runCli(['releases', '--db', file, '--until', '2000-01-01']);
    expect(r).toMatchObject({ code: 0, stdout: 'no releases\n' });
    expect(await json(['releases', '--until', '2000-01-01'])).toEqual([]);
  });

  it('an unknown vendor is a mistake (exit 2 naming the known ones), not "no releases"', async () => {
    const r = await runCli(['releases', '--db', file, '--vendor', 'nobody']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^releases: no vendor "nobody" \(known: .+\)\n$/);
  });

  it('bad usage exits 2 with one line naming the flag', async () => {
    for (const [args, msg] of [
      [['--since', 'last-week'], 'releases: --since: expected a duration (30d, 12w, 6m, 1y) or an ISO date, got "last-week"'],
      [['--until', '2026-02-30'], 'releases: --until: expected'],
      [['--line', 'closed'], 'releases: --line: expected open or proprietary, got "closed"'],
      [['--level', '3'], 'releases: --level: expected one of 0, 1, 2, 3a, 3b, 4, 5, got "3"'],
      [['--since', '2026-04-10', '--until', '2026-04-01'], 'releases: --since 2026-04-10 is after --until 2026-04-01'],
    ] as const) {
      const r = await runCli(['releases', '--db', file, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(msg);
      expect(r.stdout).toBe('');
    }
    const both = await runCli(['releases', '--db', file, '--json', '--csv']);
    expect(both.code).toBe(2);
  });
});

type Detail = {
  history: { at: string; kind: string; from: string | null; to: string | null; source: string | null; baseline: boolean }[];
} & Record<string, unknown>;

describe('modelwatch model', () => {
  it('--json: the contract fields, the classification with its evidence, the timeline and scores', async () => {
    const d = await json<Detail>(['model', 'meta-llama/Llama-3.1-8B-Instruct']);
    expect(d).toMatchObject({
      id: 'meta-llama/Llama-3.1-8B-Instruct',
      vendor: 'meta',
      line: 'open',
      lineReason: 'name matches the meta open line',
      level: '3b',
      license: 'llama3.1',
      gated: 'manual',
      classification: {
        level: '3b',
        decidedBy: 'licence llama3.1 is restricted-use and weights are public',
        rulesVersion: '2026.1',
        conflicts: [],
        override: null,
      },
      scores: [
        {
          benchmark: 'MMLU-Pro',
          score: 48.3,
          date: daysAgo(500, now).slice(0, 10),
          sourceUrl: 'https://example.org/scores.csv',
          sourceKind: 'csv',
        },
      ],
    });
    expect(d.evidence).toEqual([
      {
        signal: 'license',
        value: 'llama3.1',
        sourceUrl: 'https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct',
        seenAt: daysAgo(10, now),
      },
      { signal: 'gating', value: 'manual', sourceUrl: 'https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct', seenAt: daysAgo(10, now) },
      { signal: 'weights', value: true, sourceUrl: 'https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct', seenAt: daysAgo(10, now) },
    ]);
    // Oldest first; every entry has {at, kind, from, to, source}.
    expect(d.history.map((h) => [h.at, h.kind, h.from, h.to, h.source])).toEqual([
      [daysAgo(600, now), 'model.new', null, 'llama3.1', 'https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct'],
      [daysAgo(590, now), 'model.weights_published', null, '2 weight files', 'https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct'],
      [daysAgo(500, now).slice(0, 10), 'score.reported', null, 'MMLU-Pro 48.3', 'https://example.org/scores.csv'],
      [daysAgo(40, now), 'model.gating_changed', 'auto', 'manual', 'https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct'],
      [
        daysAgo(10, now),
        'model.license_text_changed',
        'aaaa1111',
        'bbbb2222',
        'https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct/blob/main/LICENSE',
      ],
    ]);
    expect(d.history[0]!.baseline).toBe(true);
    expect(d.history[1]!.baseline).toBe(false);
  });

  it('licence references and announcements read as plain from/to', async () => {
    const g = await json<Detail>(['model', 'google/gemma-4-12b-it']);
    expect(g.history.find((h) => h.kind === 'model.license_changed')).toMatchObject({ from: 'gemma', to: 'apache-2.0' });
    expect(g.evidence).toEqual([]);
    expect(g.classification).toBeNull();
    const m = await json<Detail>(['model', 'meta/muse-spark']);
    expect(m.history.map((h) => [h.kind, h.from, h.to])).toEqual([
      ['post.new', null, 'Introducing Muse Spark'],
      ['announcement', null, 'hosted'],
      ['model.reclassified', '1', '2'],
    ]);
    expect(m.history[1]!.source).toBe(MUSE_POST_URL);
  });

  it('finds a model whatever the case of its id', async () => {
    const d = await json<Detail>(['model', 'META-LLAMA/llama-3.1-8b-instruct']);
    expect(d.id).toBe('meta-llama/Llama-3.1-8B-Instruct');
  });

  it('prints the facts and the timeline as text', async () => {
    const r = await runCli(['model', 'meta-llama/Llama-3.1-8B-Instruct', '--db', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^meta-llama\/Llama-3\.1-8B-Instruct/);
    expect(r.stdout).toMatch(/level\s+3b — licence llama3\.1 is restricted-use and weights are public \(rules 2026\.1\)/);
    expect(r.stdout).toMatch(/\nhistory\nAT\s+KIND\s+FROM\s+TO\s+SUMMARY\n/);
    expect(r.stdout).toMatch(/model\.new \(baseline\)/);
    expect(r.stdout).toMatch(/model\.gating_changed\s+auto\s+manual/);
  });

  it('an unknown id exits 1 and suggests close matches', async () => {
    const r = await runCli(['model', 'meta-llama/Llama-3.1-8B', '--db', file, '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('model: no model "meta-llama/Llama-3.1-8B"; did you mean meta-llama/Llama-3.1-8B-Instruct?\n');
    const none = await runCli(['model', 'zzz-nothing', '--db', file]);
    expect(none).toMatchObject({ code: 1, stderr: 'model: no model "zzz-nothing"\n' });
  });
});

type EventRow = {
  id: number;
  at: string;
  kind: string;
  vendor: string | null;
  model: string | null;
  from: string | null;
  to: string | null;
  baseline: boolean;
  source: string | null;
  change?: string;
};

describe('modelwatch changes', () => {
  it('licence, gating, withdrawal, rename, weights and level changes, newest first, without baseline events', async () => {
    const rows = await json<EventRow[]>(['changes']);
    expect(rows.map((r) => [r.change, r.model ?? r.vendor])).toEqual([
      ['level', 'meta/muse-spark'],
      ['license', 'meta-llama/Llama-3.1-8B-Instruct'],
      ['renamed', 'microsoft/phi-4'],
      ['withdrawn', 'acme/withdrawn-8b'],
      ['license', 'google/gemma-4-12b-it'],
      ['gating', 'meta-llama/Llama-3.1-8B-Instruct'],
      ['license', 'meta'],
      ['weights', 'meta-llama/Llama-3.1-8B-Instruct'],
    ]);
    expect(rows[2]).toMatchObject({ kind: 'model.renamed', from: 'microsoft/Phi-4', to: 'microsoft/phi-4', vendor: 'microsoft' });
  });

  it('--kind maps short names to event kinds; several are comma-separated', async () => {
    expect((await json<EventRow[]>(['changes', '--kind', 'license'])).map((r) => r.kind)).toEqual([
      'model.license_text_changed',
      'model.license_changed',
      'repo.license_changed',
    ]);
    expect((await json<EventRow[]>(['changes', '--kind', 'gating,level'])).map((r) => r.kind)).toEqual([
      'model.reclassified',
      'model.gating_changed',
    ]);
    expect((await json<EventRow[]>(['changes', '--kind', 'model.withdrawn'])).map((r) => r.model)).toEqual(['acme/withdrawn-8b']);
  });

  it('--since and --vendor narrow', async () => {
    expect((await json<EventRow[]>(['changes', '--since', '30d', '--vendor', 'meta'])).map((r) => r.kind)).toEqual([
      'model.reclassified',
      'model.license_text_changed',
    ]);
  });

  it('--csv has a header; an unknown kind exits 2', async () => {
    const r = await runCli(['changes', '--db', file, '--csv', '--kind', 'gating']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\r\n')[0]).toBe('id,at,change,kind,vendor,model,from,to,severity,summary,source,sourceId,evidence');
    expect(r.stdout.split('\r\n')[1]).toContain(',gating,model.gating_changed,meta,meta-llama/Llama-3.1-8B-Instruct,auto,manual,');
    const bad = await runCli(['changes', '--db', file, '--kind', 'post']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'changes: --kind: unknown kind "post"; expected one of license, gating, withdrawn, renamed, level, weights, visibility',
    );
  });
});

describe('modelwatch events', () => {
  it('the raw log, newest first, baseline events included and marked', async () => {
    const rows = await json<EventRow[]>(['events']);
    expect(rows).toHaveLength(16);
    expect(rows[0]).toMatchObject({ kind: 'source.failing', vendor: 'meta', baseline: false });
    expect(rows.at(-1)).toMatchObject({
      kind: 'post.new',
      baseline: true,
      to: 'Llama 3 launch',
      source: 'https://ai.meta.com/blog/llama-3/',
    });
    expect(rows.filter((r) => r.baseline).map((r) => r.kind)).toEqual(['model.new', 'post.new']);
    const times = rows.map((r) => r.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('--kind takes families and exact kinds; --limit keeps the newest', async () => {
    expect((await json<EventRow[]>(['events', '--kind', 'post'])).map((r) => r.to)).toEqual([
      'Introducing Muse Spark',
      'Gemma 4: open models under Apache 2.0',
      'Gemma 3 technical report',
      'Llama 3 launch',
    ]);
    expect((await json<EventRow[]>(['events', '--kind', 'announcement,source.failing'])).map((r) => r.kind)).toEqual([
      'source.failing',
      'announcement',
    ]);
    expect((await json<EventRow[]>(['events', '--limit', '2'])).map((r) => r.kind)).toEqual(['source.failing', 'model.reclassified']);
  });

  it('--since/--until/--vendor/--model narrow', async () => {
    expect((await json<EventRow[]>(['events', '--vendor', 'google', '--until', daysAgo(100, now).slice(0, 10)])).map((r) => r.to)).toEqual([
      'Gemma 3 technical report',
    ]);
    expect((await json<EventRow[]>(['events', '--model', 'meta/muse-spark', '--since', '4d'])).map((r) => r.kind)).toEqual([
      'model.reclassified',
    ]);
  });

  it('the table marks baseline events; --csv has a header; bad values exit 2', async () => {
    const t = await runCli(['events', '--db', file, '--kind', 'post']);
    expect(t.code).toBe(0);
    expect(t.stdout.split('\n')[0]).toMatch(/^AT\s+KIND\s+VENDOR\s+MODEL\s+SUMMARY$/);
    expect(t.stdout).toMatch(/post\.new \(baseline\)\s+meta/);
    const c = await runCli(['events', '--db', file, '--csv', '--limit', '1']);
    expect(c.stdout.split('\r\n')[0]).toBe(
      'id,at,seenAt,kind,vendor,model,from,to,severity,baseline,summary,source,sourceId,data,evidence',
    );
    expect(c.stdout.trimEnd().split('\r\n')).toHaveLength(2);
    for (const args of [
      ['--kind', 'nonsense'],
      ['--limit', '-1'],
      ['--since', '3 days'],
    ]) {
      const r = await runCli(['events', '--db', file, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^events: --(kind|limit|since): /);
    }
  });
});

describe('modelwatch search', () => {
  it('finds models by id or name and posts by title; a post and its announcement are one', async () => {
    const r = await json<{ query: string; models: { model: string }[]; posts: Record<string, unknown>[] }>(['search', 'MUSE']);
    expect(r.query).toBe('MUSE');
    expect(r.models.map((m) => m.model)).toEqual(['meta/muse-spark', 'meta/muse-next']);
    expect(r.posts).toEqual([
      {
        title: 'Introducing Muse Spark',
        link: MUSE_POST_URL,
        vendor: 'meta',
        publishedAt: daysAgo(20, now),
        announcement: true,
        models: ['meta/muse-spark'],
      },
    ]);
  });

  it('treats % and _ literally', async () => {
    const r = await json<{ models: unknown[]; posts: unknown[] }>(['search', '%']);
    expect(r).toMatchObject({ models: [], posts: [] });
  });

  it('prints models and posts as tables; says when nothing matches; needs a text', async () => {
    const t = await runCli(['search', 'gemma', '--db', file]);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/^models \(3\)\nMODEL\s+VENDOR\s+LINE\s+LEVEL\s+LICENSE\s+RELEASED\n/);
    expect(t.stdout).toMatch(/\nposts \(2\)\nPUBLISHED\s+VENDOR\s+TITLE\s+LINK\n/);
    expect(await runCli(['search', 'qwerty', '--db', file])).toMatchObject({ code: 0, stdout: 'nothing matches "qwerty"\n' });
    expect((await runCli(['search', ' ', '--db', file])).code).toBe(2);
  });
});
