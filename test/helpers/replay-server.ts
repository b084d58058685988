export * from '../../src/replay/server.js';
