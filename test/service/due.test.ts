import { describe, expect, it } from 'vitest';
import { dueSources } from '../../src/service/due.js';

const NOW = new Date('2026-05-04T08:00:00.000Z');
const configured = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
const none = new Set<string>();

describe('dueSources', () => {
  it('counts never-polled sources as due: no row at all, or a row without next check', () => {
    expect(dueSources([], configured, NOW, none)).toEqual(['a', 'b', 'c']);
    expect(dueSources([{ id: 'b', nextCheckAt: null }], [{ id: 'b' }], NOW, none)).toEqual(['b']);
  });

  it('is due exactly at next_check_at, not a millisecond before', () => {
    const rows = [{ id: 'a', nextCheckAt: '2026-05-04T08:00:00.000Z' }];
    expect(dueSources(rows, [{ id: 'a' }], NOW, none)).toEqual(['a']);
    expect(dueSources(rows, [{ id: 'a' }], new Date(NOW.getTime() - 1), none)).toEqual([]);
  });

  it('leaves out sources whose next check is in the future', () => {
    const rows = [
      { id: 'a', nextCheckAt: '2026-05-04T08:00:01.000Z' },
      { id: 'b', nextCheckAt: '2026-05-04T07:59:59.000Z' },
      { id: 'c', nextCheckAt: '2026-05-04T14:00:00.000Z' },
    ];
    expect(dueSources(rows, configured, NOW, none)).toEqual(['b']);
  });

  it('leaves out sources in flight, even when overdue or never polled', () => {
    const rows = [{ id: 'a', nextCheckAt: '2026-05-01T00:00:00.000Z' }];
    expect(dueSources(rows, configured, NOW, new Set(['a', 'c']))).toEqual(['b']);
  });

  it('orders never-polled first, then the most overdue, ties in configured order', () => {
    const rows = [
      { id: 'a', nextCheckAt: '2026-05-04T07:59:00.000Z' },
      { id: 'b', nextCheckAt: '2026-05-04T07:00:00.000Z' },
      { id: 'd', nextCheckAt: '2026-05-04T07:59:00.000Z' },
    ];
    const cfg = [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }];
    expect(dueSources(rows, cfg, NOW, none)).toEqual(['c', 'b', 'a', 'd']);
  });

  it('ignores rows of sources that are no longer configured', () => {
    const rows = [{ id: 'gone', nextCheckAt: null }];
    expect(dueSources(rows, [{ id: 'a' }], NOW, none)).toEqual(['a']);
  });

  it('treats an unreadable next check time as due rather than dropping the source', () => {
    expect(dueSources([{ id: 'a', nextCheckAt: 'garbage' }], [{ id: 'a' }], NOW, none)).toEqual(['a']);
  });
});
