export * from '../../demo/world/server.js';
