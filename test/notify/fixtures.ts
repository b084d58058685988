// Events for the notify and digest tests, shaped like the collectors' and gap engine's events.
import type { NewEvent, StoredEvent } from '../../src/events/index.js';
import { asEvent, type LooseEvent } from '../helpers/events.js';

export const HOSTILE_MODEL = '<!channel> <https://evil|click>';
export const HOSTILE_TITLE = '<script>alert(1)</script>';

let seq = 0;

export function newEvent(over: Partial<LooseEvent> = {}): NewEvent {
  seq++;
  return asEvent({
    kind: 'announcement',
    dedupKey: `test:${seq}:${over.kind ?? 'announcement'}`,
    vendorId: 'meta',
    modelId: 'meta/muse-spark',
    sourceId: 'meta:feed:https://ai.meta.com/blog/rss/',
    occurredAt: '2026-04-08T16:00:00.000Z',
    seenAt: '2026-04-08T16:05:00.000Z',
    summary: 'Meta introduced Muse Spark, a proprietary model available in the Meta AI app and a private API preview.',
    severity: 'notice',
    data: {
      name: 'Muse Spark',
      line: 'proprietary',
      level: '2',
      title: 'Introducing Muse Spark',
      link: 'https://ai.meta.com/blog/introducing-muse-spark/',
    },
    evidence: [
      {
        signal: 'announcement',
        value: 'Introducing Muse Spark',
        sourceUrl: 'https://ai.meta.com/blog/introducing-muse-spark/',
        seenAt: '2026-04-08T16:05:00.000Z',
      },
    ],
    baseline: false,
    ...over,
  });
}

export function stored(id: number, over: Partial<LooseEvent> = {}): StoredEvent {
  return { ...newEvent(over), id };
}

/** A model named like a Slack control sequence, and a post titled like a script tag. */
export function hostileEvents(): StoredEvent[] {
  return [
    stored(101, {
      kind: 'model.new',
      modelId: 'evil-org/x',
      summary: `New model ${HOSTILE_MODEL} & friends`,
      data: { name: HOSTILE_MODEL, line: 'open', level: '4', license: 'apache-2.0', url: 'https://huggingface.co/evil-org/x' },
      evidence: [
        {
          signal: 'license',
          value: HOSTILE_MODEL,
          sourceUrl: 'https://huggingface.co/evil-org/x|<!here>',
          seenAt: '2026-04-08T16:05:00.000Z',
        },
      ],
    }),
    stored(102, {
      kind: 'announcement',
      summary: `Post ${HOSTILE_TITLE}`,
      data: { title: HOSTILE_TITLE, line: 'proprietary', link: 'javascript:alert(1)' },
      evidence: [
        {
          signal: 'announcement',
          value: HOSTILE_TITLE,
          sourceUrl: 'https://ai.meta.com/blog/"><script>alert(2)</script>',
          seenAt: '2026-04-08T16:05:00.000Z',
        },
      ],
    }),
  ];
}
