// Prometheus text exposition format (pure): https://prometheus.io/docs/instrumenting/exposition_formats/
import type { ServiceStats } from './stats.js';

/** Every status an alert row can have (migrations/0001_init.sql): reported even at 0. */
const ALERT_STATUSES = ['pending', 'sending', 'sent', 'failed', 'dead'];

interface Family {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  samples: { labels?: Record<string, string>; value: number }[];
}

export function renderMetrics(stats: ServiceStats, o: { schedulerRunning: boolean; healthy?: boolean }): string {
  const alerts = new Map(ALERT_STATUSES.map((s) => [s, 0]));
  for (const a of stats.alertsByStatus) alerts.set(a.status, a.count);
  const families: Family[] = [
    {
      name: 'modelwatch_polls_total',
      help: 'Polls of each source, failed ones included.',
      type: 'counter',
      samples: stats.sources.map((s) => ({ labels: { source: s.id }, value: s.polls })),
    },
    {
      name: 'modelwatch_poll_errors_total',
      help: 'Failed polls of each source.',
      type: 'counter',
      samples: stats.sources.map((s) => ({ labels: { source: s.id }, value: s.errors })),
    },
    {
      name: 'modelwatch_events_total',
      help: 'Events stored, by kind (baseline events included).',
      type: 'counter',
      samples: stats.eventsByKind.map((e) => ({ labels: { kind: e.kind }, value: e.count })),
    },
    {
      name: 'modelwatch_alerts',
      help: 'Alerts in the outbox, by status.',
      type: 'gauge',
      samples: [...alerts].map(([status, value]) => ({ labels: { status }, value })),
    },
    {
      name: 'modelwatch_last_success_timestamp_seconds',
      help: 'Unix time of the last successful poll of each source (absent until the first success).',
      type: 'gauge',
      samples: stats.sources
        .filter((s) => s.lastSuccessAt && !Number.isNaN(Date.parse(s.lastSuccessAt)))
        .map((s) => ({ labels: { source: s.id }, value: Date.parse(s.lastSuccessAt!) / 1000 })),
    },
    {
      name: 'modelwatch_source_consecutive_errors',
      help: 'Consecutive failed polls of each source (0 after a success).',
      type: 'gauge',
      samples: stats.sources.map((s) => ({ labels: { source: s.id }, value: s.consecutiveErrors })),
    },
    {
      name: 'modelwatch_scheduler_running',
      help: '1 while the scheduler is running, 0 while shutting down.',
      type: 'gauge',
      samples: [{ value: o.schedulerRunning ? 1 : 0 }],
    },
    {
      name: 'modelwatch_channel_oldest_undelivered_timestamp_seconds',
      help: 'Unix time at which the oldest alert not yet delivered on each channel was created (absent when none waits).',
      type: 'gauge',
      samples: (stats.channels ?? [])
        .filter((c) => c.oldestUndeliveredAt && !Number.isNaN(Date.parse(c.oldestUndeliveredAt)))
        .map((c) => ({ labels: { channel: c.channel }, value: Date.parse(c.oldestUndeliveredAt!) / 1000 })),
    },
    ...(o.healthy === undefined
      ? []
      : [
          {
            name: 'modelwatch_healthy',
            help: '1 when /healthz answers 200 (every check it makes passes), else 0.',
            type: 'gauge' as const,
            samples: [{ value: o.healthy ? 1 : 0 }],
          },
        ]),
  ];
  return families.map(renderFamily).join('');
}

function renderFamily(f: Family): string {
  let out = `# HELP ${f.name} ${escapeHelp(f.help)}\n# TYPE ${f.name} ${f.type}\n`;
  for (const s of f.samples) {
    const labels = Object.entries(s.labels ?? {})
      .map(([k, v]) => `${k}="${escapeLabelValue(v)}"`)
      .join(',');
    out += `${f.name}${labels ? `{${labels}}` : ''} ${formatValue(s.value)}\n`;
  }
  return out;
}

/** Label values escape backslash, double quote and line feed. */
export function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text escapes backslash and line feed. */
function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function formatValue(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  return String(n);
}
