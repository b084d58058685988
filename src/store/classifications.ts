// Classifications with their evidence, append-only: a new row only when the result changed.
import type { Classification, Level } from '../model.js';
import { prep, type Db } from './db.js';
import { fromJson, toJson } from './json.js';

export interface StoredClassification extends Classification {
  id: number;
  at: string;
}

interface Raw {
  id: number;
  model_id: string;
  level: Level | null;
  rules_version: string;
  decided_by: string;
  evidence_json: string;
  conflicts_json: string;
  override_json: string | null;
  at: string;
}

function fromRow(r: Raw): StoredClassification {
  return {
    id: r.id,
    modelId: r.model_id,
    level: r.level,
    rulesVersion: r.rules_version,
    decidedBy: r.decided_by,
    evidence: fromJson(r.evidence_json, []),
    conflicts: fromJson(r.conflicts_json, []),
    override: fromJson(r.override_json, null),
    at: r.at,
  };
}

export function latestClassification(db: Db, modelId: string): StoredClassification | undefined {
  const r = prep(db, 'SELECT * FROM classifications WHERE model_id = ? ORDER BY at DESC, id DESC LIMIT 1').get(modelId) as Raw | undefined;
  return r && fromRow(r);
}

export function classificationHistory(db: Db, modelId: string): StoredClassification[] {
  return (prep(db, 'SELECT * FROM classifications WHERE model_id = ? ORDER BY at, id').all(modelId) as Raw[]).map(fromRow);
}

export function insertClassification(db: Db, c: Classification, at: string): void {
  prep(
    db,
    `INSERT INTO classifications (model_id, level, rules_version, decided_by, evidence_json, conflicts_json, override_json, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    c.modelId,
    c.level,
    c.rulesVersion,
    c.decidedBy,
    toJson(c.evidence),
    toJson(c.conflicts),
    c.override ? toJson(c.override) : null,
    at,
  );
}

/** Models never classified, or updated since they last were: normally none after a cycle; a
 *  process killed between storing a poll and classifying it leaves them for the next cycle. */
export function unclassifiedModelIds(db: Db): string[] {
  const rows = prep(db, 'SELECT id FROM models WHERE classified_at IS NULL OR classified_at < updated_at ORDER BY id').all() as {
    id: string;
  }[];
  return rows.map((r) => r.id);
}

/** Records that a model's evidence was classified now (whether or not the result changed). */
export function markClassified(db: Db, modelId: string, at: string): void {
  prep(db, 'UPDATE models SET classified_at = MAX(?, updated_at) WHERE id = ?').run(at, modelId);
}

/** Models whose latest classification is unknown (level NULL). */
export function unknownModels(db: Db): StoredClassification[] {
  return (
    prep(
      db,
      `SELECT c.* FROM classifications c
         JOIN (SELECT model_id, MAX(id) AS id FROM classifications GROUP BY model_id) last ON last.id = c.id
         WHERE c.level IS NULL ORDER BY c.model_id`,
    ).all() as Raw[]
  ).map(fromRow);
}
