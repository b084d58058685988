// What an event is: the catalogue of kinds (catalogue.ts), each kind's payload (payloads.ts), the
// event types (types.ts) and how an event reads (describe.ts). Sits below the store: it imports
// only model.ts and shared/.
export * from './catalogue.js';
export * from './describe.js';
export type * from './payloads.js';
export type * from './types.js';
