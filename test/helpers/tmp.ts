// Temporary folders and databases made through the real migrations.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, type Db } from '../../src/store/db.js';

export function tmpDir(prefix = 'modelwatch-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function tmpDb(): { db: Db; file: string } {
  const file = path.join(tmpDir(), 'modelwatch.db');
  return { db: openDb(file), file };
}
