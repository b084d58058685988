// Progress markers of the cycle steps: a step records how far it got, so one interrupted by a
// crash picks up where it stopped on the next cycle.
import { prep, type Db } from './db.js';

export function getJobState(db: Db, name: string): string | undefined {
  return (prep(db, 'SELECT value FROM job_state WHERE name = ?').get(name) as { value: string } | undefined)?.value;
}

export function setJobState(db: Db, name: string, value: string, now: string): void {
  prep(
    db,
    `INSERT INTO job_state (name, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(name, value, now);
}
