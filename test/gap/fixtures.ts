// Hand-built release histories for the gap tests. Dates of real releases are public; Muse Spark
// is dated in April 2026 as docs/domain.md says; "Muse Flow" and "Llama 5" are hypothetical releases.
import type { GapInput, GapRelease } from '../../src/gap/types.js';
import { DEFAULT_THRESHOLDS } from '../../src/gap/widening.js';

export const rel = (
  modelId: string,
  line: GapRelease['line'],
  level: GapRelease['level'],
  releasedAt: string,
  over: Partial<GapRelease> = {},
): GapRelease => ({
  modelId,
  name: modelId.split('/').pop()!,
  line,
  level,
  releasedAt,
  flagship: true,
  license: null,
  ...over,
});

/** Meta: Llama (open, flagships configured) and Muse (proprietary). */
export const META_RELEASES: GapRelease[] = [
  rel('meta-llama/Llama-2-70b-hf', 'open', '3b', '2023-07-18', { license: 'llama2' }),
  rel('meta-llama/Meta-Llama-3-70B', 'open', '3b', '2024-04-18', { license: 'llama3' }),
  rel('meta-llama/Llama-3.1-405B', 'open', '3b', '2024-07-23', { license: 'llama3.1' }),
  rel('meta-llama/Llama-3.1-8B', 'open', '3b', '2024-07-23', { license: 'llama3.1', flagship: false }),
  rel('meta-llama/Llama-3.2-1B', 'open', '3b', '2024-09-25', { license: 'llama3.2', flagship: false }),
  rel('meta-llama/Llama-3.3-70B-Instruct', 'open', '3b', '2024-12-06', { license: 'llama3.3' }),
  rel('meta-llama/Llama-4-Scout-17B-16E-Instruct', 'open', '3b', '2025-04-05', { license: 'llama4', flagship: false }),
  rel('meta-llama/Llama-4-Maverick-17B-128E-Instruct', 'open', '3b', '2025-04-05', { license: 'llama4' }),
  rel('meta/muse-spark', 'proprietary', '1', '2026-04-08', { name: 'Muse Spark' }),
];

export const MUSE_FLOW = rel('meta/muse-flow', 'proprietary', '2', '2026-06-15', { name: 'Muse Flow' });

export function metaInput(asOf: string, releases: GapRelease[] = META_RELEASES): GapInput {
  return {
    vendor: 'meta',
    vendorName: 'Meta',
    openLine: 'Llama',
    proprietaryLine: 'Muse',
    asOf,
    releases,
    thresholds: DEFAULT_THRESHOLDS,
  };
}

/** Google: Gemma (open) and Gemini (proprietary); Gemma 4 moved to apache-2.0. */
export const GOOGLE_RELEASES: GapRelease[] = [
  rel('google/gemma-7b', 'open', '3b', '2024-02-21', { name: 'Gemma', license: 'gemma' }),
  rel('gemini-1.5-pro', 'proprietary', '2', '2024-02-15', { name: 'Gemini 1.5 Pro' }),
  rel('google/gemma-2-27b', 'open', '3b', '2024-06-27', { name: 'Gemma 2', license: 'gemma' }),
  rel('google/gemma-3-27b-it', 'open', '3b', '2025-03-12', { name: 'Gemma 3', license: 'gemma' }),
  rel('gemini-2.5-pro', 'proprietary', '2', '2025-03-25', { name: 'Gemini 2.5 Pro' }),
  rel('google/gemma-4', 'open', '4', '2026-04-02', { name: 'Gemma 4', license: 'apache-2.0' }),
];

export function googleInput(asOf: string, releases: GapRelease[] = GOOGLE_RELEASES): GapInput {
  return {
    vendor: 'google',
    vendorName: 'Google',
    openLine: 'Gemma',
    proprietaryLine: 'Gemini',
    asOf,
    releases,
    thresholds: DEFAULT_THRESHOLDS,
  };
}
