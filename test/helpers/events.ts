// Events as tests write and read them. A test shapes an event's payload for what it exercises (a
// `name` for a headline, a `line` for routing), not as the emitter would, and reads fields of the
// events a run stored without narrowing them by kind first: both go through these loose types.
// The code under test takes the typed union (src/events); payloads are checked by the emitters' own
// types, not here.
import type { EventKind, NewEvent, StoredEvent } from '../../src/events/index.js';

/** An event with any payload. */
// biome-ignore lint/suspicious/noExplicitAny: a test shapes the payload for what it exercises
export type LooseEvent = Omit<NewEvent, 'kind' | 'data'> & { kind: EventKind; data: Record<string, any> };
export type LooseStoredEvent = LooseEvent & { id: number };

/** The test's event as the code takes it. */
export function asEvent(e: LooseEvent): NewEvent {
  return e as NewEvent;
}
export function asStored(e: LooseStoredEvent): StoredEvent {
  return e as StoredEvent;
}

/** A stored event whose payload the test reads field by field. */
// biome-ignore-start lint/suspicious/noExplicitAny: the test reads the fields it knows are there
export function loose<E extends NewEvent | StoredEvent>(e: E): E & { data: Record<string, any> } {
  return e as E & { data: Record<string, any> };
}
// biome-ignore-end lint/suspicious/noExplicitAny: the test reads the fields it knows are there
