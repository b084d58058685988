// Vendor and source configurations for tests, with the defaults config.ts would fill in.
import type { GapThresholds, SourceConfig, VendorConfig } from '../../src/model.js';

export const TEST_THRESHOLDS: GapThresholds = {
  recencyBandsDays: [90, 180, 365],
  streak: 2,
  shareDropPoints: 25,
  capabilityLagMonths: 6,
  capabilityDeltaPoints: 5,
  catchUpTolerance: 1,
  hysteresis: 2,
  cooldownHours: 168,
};

export function testVendor(partial: Partial<VendorConfig> & Pick<VendorConfig, 'id'>): VendorConfig {
  return {
    name: partial.id,
    lines: {},
    sources: [],
    thresholds: TEST_THRESHOLDS,
    alerts: {},
    ...partial,
  };
}

export function testSource(partial: Partial<SourceConfig> & Pick<SourceConfig, 'vendorId' | 'kind' | 'target'>): SourceConfig {
  return {
    id: `${partial.vendorId}:${partial.kind}:${partial.target}`,
    intervalSec: 3600,
    ...partial,
  };
}

/** Meta, as feeds/meta.yaml describes it: Llama is the open line, Muse the proprietary one. */
export const META = testVendor({
  id: 'meta',
  name: 'Meta',
  lines: {
    open: { name: 'Llama', match: ['llama'] },
    proprietary: { name: 'Muse', match: ['muse'] },
  },
});
