import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import type { VendorConfig } from '../../src/model.js';
import type { EventKind, NewEvent } from '../../src/events/index.js';
import { makeRouter, type RoutingRules } from '../../src/notify/rules.js';
import { stored } from './fixtures.js';
import type { LooseEvent } from '../helpers/events.js';

const NOW = '2026-04-10T12:00:00.000Z';
const CHANNELS = ['slack', 'email', 'webhook'];

function vendor(id: string, alerts: RoutingRules = {}): VendorConfig {
  return {
    id,
    name: id[0]!.toUpperCase() + id.slice(1),
    lines: {},
    sources: [],
    thresholds: {
      recencyBandsDays: [90, 180, 365],
      streak: 2,
      shareDropPoints: 25,
      capabilityLagMonths: 6,
      capabilityDeltaPoints: 5,
      catchUpTolerance: 1,
      hysteresis: 2,
      cooldownHours: 168,
    },
    alerts,
  };
}

function router(vendors: VendorConfig[] = [vendor('meta')], extra: Partial<Parameters<typeof makeRouter>[0]> = {}) {
  return makeRouter({ channels: CHANNELS, vendors: new Map(vendors.map((v) => [v.id, v])), now: NOW, ...extra });
}

const ev = (kind: EventKind, over: Partial<LooseEvent> = {}) => stored(1, { kind, ...over });

describe('default rules', () => {
  const route = router();
  const alerting: [string, NewEvent['kind'], Partial<LooseEvent>][] = [
    ['announcement on a line', 'announcement', {}],
    ['release on a line', 'release.published', { data: { name: 'v1.0', line: 'open' } }],
    ['new model on a line', 'model.new', { data: { name: 'Llama 5', line: 'open' } }],
    ['weights published on a line', 'model.weights_published', { data: { name: 'Llama 5', line: 'open' } }],
    ['licence id', 'model.license_changed', { data: { from: 'llama3.1', to: 'other' } }],
    ['licence text', 'model.license_text_changed', { data: {} }],
    ['repo licence', 'repo.license_changed', { data: {} }],
    ['gating', 'model.gating_changed', { data: { from: false, to: 'manual' } }],
    ['withdrawal', 'model.withdrawn', { data: {} }],
    ['rename', 'model.renamed', { data: { to: 'meta/x' } }],
    ['reclassification', 'model.reclassified', { data: { from: '3b', to: '4' } }],
    ['gap widening', 'gap.widened', { data: {} }],
    ['source failing', 'source.failing', { data: {} }],
    ['source recovered', 'source.recovered', { data: {} }],
    ['deadline reached', 'deadline.reached', { data: { subject: 'meta' } }],
  ];
  for (const [what, kind, over] of alerting) {
    it(`alerts on every channel: ${what}`, () => {
      expect(route(ev(kind, over))).toEqual(CHANNELS);
    });
  }

  const silent: [string, NewEvent['kind'], Partial<LooseEvent>][] = [
    ['plain post', 'post.new', { data: { title: 'Our year in review' } }],
    ['post edit', 'post.edited', { data: { title: 'x' } }],
    ['new model without a line', 'model.new', { data: { name: 'some-finetune' } }],
    ['release without a line', 'release.published', { data: { name: 'v0.3.1' } }],
    ['score', 'score.reported', { data: {} }],
    ['gap narrowing', 'gap.narrowed', { data: {} }],
    ['new repo', 'repo.new', { data: { line: 'open' } }],
  ];
  for (const [what, kind, over] of silent) {
    it(`does not alert: ${what}`, () => {
      expect(route(ev(kind, over))).toEqual([]);
    });
  }

  it('alerts a release of a GitHub repo the vendor lists, not its pre-releases (issue 11)', () => {
    const meta = {
      ...vendor('meta'),
      sources: [
        {
          id: 'gh:meta-llama/llama-models',
          vendorId: 'meta',
          kind: 'github' as const,
          target: 'meta-llama/llama-models',
          intervalSec: 3600,
        },
      ],
    };
    const r = router([meta]);
    expect(
      r(
        ev('release.published', {
          sourceId: 'gh:meta-llama/llama-models',
          data: { repo: 'meta-llama/llama-models', tag: 'v0.3.0', name: 'v0.3.0' },
        }),
      ),
    ).toEqual(CHANNELS);
    expect(
      r(
        ev('release.published', {
          sourceId: 'gh:meta-llama/llama-models',
          data: { repo: 'meta-llama/llama-models', tag: 'v0.4.0-rc1', name: 'v0.4.0-rc1', prerelease: true },
        }),
      ),
    ).toEqual([]);
    expect(r(ev('release.published', { sourceId: 'gh:someone/else', data: { repo: 'someone/else', tag: 'v1', name: 'v1' } }))).toEqual([]);
  });

  it('never alerts on baseline events, even when forced on', () => {
    const forced = router([vendor('meta', { kinds: { 'model.license_changed': { alert: true } } })]);
    expect(forced(ev('model.license_changed', { baseline: true }))).toEqual([]);
  });

  it('alerts a new model whose stored model is on a line (lineOf)', () => {
    const r = router([vendor('meta')], { lineOf: (id) => (id === 'meta-llama/Llama-5' ? 'open' : null) });
    expect(r(ev('model.new', { modelId: 'meta-llama/Llama-5', data: { name: 'Llama-5' } }))).toEqual(CHANNELS);
    expect(r(ev('model.new', { modelId: 'meta-llama/other', data: { name: 'other' } }))).toEqual([]);
  });

  it('routes events of unknown vendors and without a vendor by the defaults', () => {
    const r = router([], { defaults: { channels: ['email'] } });
    expect(r(ev('gap.widened', { vendorId: null }))).toEqual(['email']);
    expect(r(ev('gap.widened', { vendorId: 'acme' }))).toEqual(['email']);
  });
});

describe('per vendor and per kind rules', () => {
  it('sends a vendor to its own channels, ignoring names that are not configured', () => {
    const r = router([vendor('meta', { channels: ['email', 'pager'] }), vendor('google')]);
    expect(r(ev('model.withdrawn'))).toEqual(['email']);
    expect(r(ev('model.withdrawn', { vendorId: 'google' }))).toEqual(CHANNELS);
  });

  it('mutes kinds for one vendor only, and adds its mutes to the defaults', () => {
    const r = router([vendor('meta', { mute: ['model.gating_changed'] }), vendor('google')], { defaults: { mute: ['source.recovered'] } });
    expect(r(ev('model.gating_changed'))).toEqual([]);
    expect(r(ev('model.gating_changed', { vendorId: 'google' }))).toEqual(CHANNELS);
    expect(r(ev('source.recovered'))).toEqual([]);
    expect(r(ev('source.recovered', { vendorId: 'google' }))).toEqual([]);
  });

  it('snoozes a vendor until a date, judged at the router time', () => {
    const meta = vendor('meta', { snoozeUntil: '2026-04-11' });
    expect(router([meta])(ev('model.withdrawn'))).toEqual([]);
    expect(
      makeRouter({ channels: CHANNELS, vendors: new Map([['meta', meta]]), now: '2026-04-11T00:00:00.000Z' })(ev('model.withdrawn')),
    ).toEqual(CHANNELS);
  });

  it('snoozes one kind', () => {
    const r = router([vendor('meta', { kinds: { 'source.failing': { snoozeUntil: '2026-05-01T00:00:00Z' } } })]);
    expect(r(ev('source.failing'))).toEqual([]);
    expect(r(ev('source.recovered'))).toEqual(CHANNELS);
  });

  it('drops events below the minimum severity, per vendor and per kind', () => {
    const r = router([vendor('meta', { minSeverity: 'warning', kinds: { 'deadline.reached': { minSeverity: 'info' } } })]);
    expect(r(ev('model.withdrawn', { severity: 'notice' }))).toEqual([]);
    expect(r(ev('model.withdrawn', { severity: 'warning' }))).toEqual(CHANNELS);
    expect(r(ev('model.withdrawn', { severity: 'critical' }))).toEqual(CHANNELS);
    expect(r(ev('deadline.reached', { severity: 'info' }))).toEqual(CHANNELS);
  });

  it('turns kinds on and off and gives them their own channels', () => {
    const r = router([vendor('meta', { kinds: { 'post.new': { alert: true, channels: ['slack'] }, 'gap.widened': { alert: false } } })]);
    expect(r(ev('post.new', { data: { title: 'Our roadmap' } }))).toEqual(['slack']);
    expect(r(ev('gap.widened'))).toEqual([]);
  });

  it('skips pre-releases unless asked', () => {
    const pre = ev('release.published', { data: { name: 'v2.0-rc1', line: 'open', prerelease: true } });
    expect(router()(pre)).toEqual([]);
    expect(router([vendor('meta', { prereleases: true })])(pre)).toEqual(CHANNELS);
  });

  it('filters names with include and exclude patterns', () => {
    const r = router([vendor('meta', { include: ['^llama', 'muse'], exclude: ['guard'] })]);
    expect(r(ev('model.new', { data: { name: 'Llama-5-70B', line: 'open' } }))).toEqual(CHANNELS);
    expect(r(ev('model.new', { data: { name: 'Llama-Guard-5', line: 'open' } }))).toEqual([]);
    expect(r(ev('model.new', { data: { name: 'Code-Model', line: 'open' } }))).toEqual([]);
    expect(r(ev('announcement'))).toEqual(CHANNELS); // "Muse Spark"
    // Gap, source and deadline events have no name to filter.
    expect(r(ev('gap.widened', { data: {} }))).toEqual(CHANNELS);
  });

  it('reports an invalid pattern at start-up', () => {
    expect(() => router([vendor('meta', { include: ['(unclosed'] })])).toThrow(UsageError);
    expect(() => router([vendor('meta', { include: ['(unclosed'] })])).toThrow(/vendor meta: invalid name pattern/);
  });
});
