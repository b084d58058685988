// `modelwatch demo` loads the demo world (demo/world/, outside src/) by path and reads it through the
// DemoWorldModule shape it declares; the compiler checks here that the world has that shape.
import { describe, expect, it } from 'vitest';
import type { DemoWorldModule } from '../../src/commands/demo.js';
import * as world from '../../demo/world/index.js';

describe('the demo world as the demo command loads it', () => {
  it('has the shape src/commands/demo.ts reads, and every recording it needs', () => {
    const loaded: DemoWorldModule = world;
    expect(typeof loaded.startSpring2026World).toBe('function');
    expect(loaded.missingDemoRecordings()).toEqual([]);
  });
});
