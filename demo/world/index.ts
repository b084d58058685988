// The demo world as `modelwatch demo` loads it (src/commands/demo.ts): the spring-2026 world and
// the check that its recordings are there. The build compiles demo/world/ into dist/world/.
// Self-contained on purpose: it imports nothing from src/, so it compiles on its own and the
// product keeps one copy of each of its modules.
export { DEMO_RECORDINGS, RECORDINGS_DIR, missingDemoRecordings } from './fixtures.js';
export { startSpring2026World, type Spring2026World } from './spring-2026.js';
