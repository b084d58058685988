import { describe, expect, it } from 'vitest';
import type { ExposureModel } from '../../src/exposure/alternatives.js';
import { auditExposure, gapStatus, type AuditInput, type Change } from '../../src/exposure/audit.js';

const NOW = new Date('2026-04-20T12:00:00.000Z');
const ago = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

const LLAMA: ExposureModel = {
  id: 'meta-llama/Llama-3.1-8B-Instruct',
  name: 'Llama 3.1 8B Instruct',
  vendor: 'meta',
  line: 'open',
  level: '3b',
  license: 'llama3.1',
  parameters: 8.03e9,
  releasedAt: '2024-07-23T00:00:00.000Z',
  url: 'https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct',
  withdrawnAt: null,
};
const MUSE: ExposureModel = {
  id: 'meta/muse-spark',
  name: 'Muse Spark',
  vendor: 'meta',
  line: 'proprietary',
  level: '2',
  license: null,
  parameters: null,
  releasedAt: ago(12),
  url: null,
  withdrawnAt: null,
};
const GEMMA4: ExposureModel = {
  id: 'google/gemma-4-12b-it',
  name: 'Gemma 4 12B',
  vendor: 'google',
  line: 'open',
  level: '4',
  license: 'apache-2.0',
  parameters: 12e9,
  releasedAt: ago(15),
  url: null,
  withdrawnAt: null,
};

function change(kind: string, days: number, from: string | null = null, to: string | null = null): Change {
  return { at: ago(days), kind, from, to, summary: `${kind} happened`, source: null };
}

function input(p: Partial<AuditInput>): AuditInput {
  return { now: NOW, workflows: [], models: new Map(), changes: new Map(), gaps: new Map(), candidates: [], ...p };
}

describe('gapStatus', () => {
  it('reads M1/M2 and the last releases from the snapshot metrics, tolerating their absence', () => {
    const full = gapStatus({
      vendorId: 'meta',
      at: ago(1),
      widening: true,
      reasons: ['streak'],
      metrics: {
        recencyGapDays: 360,
        proprietaryStreak: 2,
        openShare180d: 0,
        lastOpenRelease: { model: 'meta-llama/Llama-4-Scout', date: '2025-04-05' },
        lastProprietaryRelease: { model: 'meta/muse-spark', date: 7 },
      },
    });
    expect(full).toEqual({
      vendor: 'meta',
      at: ago(1),
      widening: true,
      reasons: ['streak'],
      recencyGapDays: 360,
      proprietaryStreak: 2,
      openShare180d: 0,
      lastOpenRelease: { model: 'meta-llama/Llama-4-Scout', date: '2025-04-05' },
      lastProprietaryRelease: { model: 'meta/muse-spark', date: null },
    });
    expect(gapStatus({ vendorId: 'x', at: ago(1), widening: false, reasons: [], metrics: null })).toMatchObject({
      recencyGapDays: null,
      proprietaryStreak: null,
      lastOpenRelease: null,
    });
    expect(
      gapStatus({ vendorId: 'x', at: ago(1), widening: false, reasons: [], metrics: { recencyGapDays: 'many', lastOpenRelease: 'x' } }),
    ).toMatchObject({ recencyGapDays: null, lastOpenRelease: null });
  });
});

describe('auditExposure', () => {
  it('answers per workflow: model facts, last three changes, gap status, alternatives and concerns', () => {
    const r = auditExposure(
      input({
        workflows: [{ name: 'chat', model: LLAMA.id, criticality: 'high' }],
        models: new Map([[LLAMA.id, LLAMA]]),
        changes: new Map([
          [
            LLAMA.id,
            [
              change('model.license_text_changed', 10, 'aaa', 'bbb'),
              change('model.gating_changed', 200, 'auto', 'manual'),
              change('model.weights_published', 300),
              change('model.new', 400),
            ],
          ],
        ]),
        gaps: new Map([
          [
            'meta',
            {
              vendorId: 'meta',
              at: ago(1),
              widening: true,
              reasons: ['two proprietary releases in a row'],
              metrics: { recencyGapDays: 360, proprietaryStreak: 2 },
            },
          ],
        ]),
        candidates: [GEMMA4],
      }),
    );
    expect(r.asOf).toBe(NOW.toISOString());
    const [w] = r.workflows;
    expect(w).toMatchObject({
      workflow: 'chat',
      criticality: 'high',
      model: LLAMA.id,
      found: true,
      vendor: 'meta',
      line: 'open',
      level: '3b',
      license: 'llama3.1',
      sizeClass: '4-15B',
    });
    expect(w!.lastChanges.map((c) => c.kind)).toEqual(['model.license_text_changed', 'model.gating_changed', 'model.weights_published']);
    expect(w!.gap).toMatchObject({ vendor: 'meta', widening: true, recencyGapDays: 360, proprietaryStreak: 2 });
    expect(w!.alternatives).toEqual([
      {
        model: GEMMA4.id,
        name: GEMMA4.name,
        vendor: 'google',
        level: '4',
        license: 'apache-2.0',
        releasedAt: GEMMA4.releasedAt,
        parameters: 12e9,
        sizeClass: '4-15B',
        url: null,
      },
    ]);
    expect(w!.concerns).toEqual([
      'restricted-use licence (llama3.1): check its use and scale clauses',
      "meta's open-vs-proprietary gap is widening: two proprietary releases in a row",
      // Only the change of the last 90 days is called out; the gating change is older.
      'licence text changed on ' + ago(10).slice(0, 10) + ' (aaa → bbb)',
    ]);
  });

  it('an unknown model is reported, not an error, and still gets alternatives of any size', () => {
    const r = auditExposure(
      input({
        workflows: [{ name: 'x', model: 'nobody/none', criticality: 'low' }],
        models: new Map([['nobody/none', undefined]]),
        candidates: [GEMMA4],
      }),
    );
    expect(r.workflows[0]).toMatchObject({ model: 'nobody/none', found: false, vendor: null, level: null, gap: null, lastChanges: [] });
    expect(r.workflows[0]!.alternatives.map((a) => a.model)).toEqual([GEMMA4.id]);
    expect(r.workflows[0]!.concerns).toEqual([
      'modelwatch does not know "nobody/none": check the id, or add its vendor\'s sources to feeds/',
    ]);
  });

  it('names the lock-in of a proprietary model and the lack of an alternative for a critical workflow', () => {
    const r = auditExposure(
      input({ workflows: [{ name: 'copy', model: 'Muse Spark', criticality: 'medium' }], models: new Map([['Muse Spark', MUSE]]) }),
    );
    expect(r.workflows[0]).toMatchObject({ model: 'meta/muse-spark', found: true, gap: null, alternatives: [] });
    expect(r.workflows[0]!.concerns).toEqual([
      'level 2, no downloadable weights: the vendor can change or retire it at will',
      'no level 4+ alternative of the same size released in the last 12 months',
    ]);
  });

  it('an OSI-open model has no licence concern; withdrawal and unknown level are concerns', () => {
    const r = auditExposure(
      input({
        workflows: [
          { name: 'a', model: GEMMA4.id, criticality: 'high' },
          { name: 'b', model: 'w', criticality: 'low' },
        ],
        models: new Map<string, ExposureModel>([
          [GEMMA4.id, GEMMA4],
          ['w', { ...LLAMA, id: 'w', level: null, withdrawnAt: ago(5) }],
        ]),
      }),
    );
    expect(r.workflows[0]!.concerns).toEqual([]);
    expect(r.workflows[1]!.concerns).toEqual([
      `withdrawn on ${ago(5).slice(0, 10)}: keep a copy of the weights or migrate`,
      'openness level unknown: the model is not classified yet',
    ]);
  });
});
