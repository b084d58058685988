-- When a model was last classified. A model updated after that (a poll stored, then the process
-- died before the classify step) is picked up again by the next cycle's classify step.
ALTER TABLE models ADD COLUMN classified_at TEXT;
UPDATE models SET classified_at = (SELECT MAX(at) FROM classifications c WHERE c.model_id = models.id);
