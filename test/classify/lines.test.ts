import { describe, expect, it } from 'vitest';
import { assignLine, isFlagship } from '../../src/classify/lines.js';
import type { VendorConfig } from '../../src/model.js';
import { DEFAULT_THRESHOLDS } from '../../src/gap/widening.js';

function vendor(id: string, lines: VendorConfig['lines']): VendorConfig {
  return { id, name: id, lines, sources: [], thresholds: DEFAULT_THRESHOLDS, alerts: {} };
}

const meta = vendor('meta', {
  open: { name: 'Llama', match: ['llama'], flagship: ['^llama[- ]?\\d+(\\.\\d+)?$', 'maverick', 'behemoth'] },
  proprietary: { name: 'Muse', match: ['\\bmuse\\b'] },
});
const microsoft = vendor('microsoft', {
  open: { name: 'Phi', match: ['\\bphi-?\\d'] },
  proprietary: { name: 'MAI', match: ['\\bmai-'] },
});

describe('assignLine', () => {
  it('matches case-insensitively in names and repo ids and says which pattern matched', () => {
    expect(assignLine(meta, 'meta-llama/Llama-4-Scout-17B-16E-Instruct')).toEqual({
      line: 'open',
      reason: 'the name matches open line "Llama" pattern /llama/ at "Llama"',
    });
    expect(assignLine(meta, 'Muse Spark')).toEqual({
      line: 'proprietary',
      reason: 'the name matches proprietary line "Muse" pattern /\\bmuse\\b/ at "Muse"',
    });
    expect(assignLine(microsoft, 'microsoft/Phi-4-mini-instruct').line).toBe('open');
    expect(assignLine(microsoft, 'MAI-1-preview').line).toBe('proprietary');
  });

  it('does not take the owner of a repo id for the model name', () => {
    // the org "meta-llama" contains "llama", but the model itself is Muse-branded
    expect(assignLine(meta, 'meta-llama/Muse-Spark-Preview').line).toBe('proprietary');
    // the full id is searched when the name alone does not match
    const r = assignLine(meta, 'meta-llama/CodeShield');
    expect(r).toEqual({ line: 'open', reason: 'the repo id matches open line "Llama" pattern /llama/ at "llama"' });
  });

  it('resolves a double match deterministically and explains it', () => {
    const a = assignLine(meta, 'Llama-Muse-Hybrid');
    expect(a.line).toBe('open');
    expect(a.reason).toMatch(/also matches proprietary pattern .*open wins because it matches earlier in the name/);
    const b = assignLine(meta, 'Muse Llama Edition');
    expect(b.line).toBe('proprietary');
    expect(b.reason).toMatch(/proprietary wins because it matches earlier/);
    const tie = vendor('x', { open: { name: 'O', match: ['nova'] }, proprietary: { name: 'P', match: ['nova'] } });
    expect(assignLine(tie, 'Nova 2')).toMatchObject({
      line: 'open',
      reason: expect.stringMatching(/on a full tie the open line is chosen/),
    });
    const longer = vendor('y', { open: { name: 'O', match: ['gem'] }, proprietary: { name: 'P', match: ['gemini'] } });
    expect(assignLine(longer, 'Gemini 2.5 Pro')).toMatchObject({ line: 'proprietary', reason: expect.stringMatching(/longer match/) });
  });

  it('no match → null with the reason; invalid patterns never match', () => {
    expect(assignLine(meta, 'facebook/sam-vit-huge')).toEqual({
      line: null,
      reason: '"facebook/sam-vit-huge" matches none of meta\'s open and proprietary line patterns',
    });
    const anthropic = vendor('anthropic', { proprietary: { name: 'Claude', match: ['claude', '(['] } });
    expect(assignLine(anthropic, 'Claude Opus 4').line).toBe('proprietary');
    expect(assignLine(vendor('z', {}), 'anything')).toEqual({ line: null, reason: 'z has no line patterns configured' });
  });
});

describe('isFlagship', () => {
  it('uses the flagship patterns when configured', () => {
    expect(isFlagship(meta.lines.open, 'Llama 4')).toBe(true);
    expect(isFlagship(meta.lines.open, 'Llama-4-Maverick-17B-128E-Instruct')).toBe(true);
    expect(isFlagship(meta.lines.open, 'Llama-3.2-1B')).toBe(false);
  });
  it('treats every release as a flagship when the line has no flagship list', () => {
    expect(isFlagship(meta.lines.proprietary, 'Muse Spark')).toBe(true);
    expect(isFlagship(undefined, 'anything')).toBe(true);
  });
});
