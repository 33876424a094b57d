import { execFileSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { postgresBinDir } from '@temporal-ecommerce/infra/postgres';
import { openTrainingHistoryStore, type TrainingHistoryStore } from '../../src/activities';
import { loadEnv } from '../../src/env';
import { postgresDatabase } from '../helpers/postgres';
import { tempDir } from './helpers';

const metrics = (epoch: number) => ({ epoch, trainLoss: 1 / epoch, validationLoss: 1 / epoch, validationAccuracy: 0.5, learningRate: 0.01, shuffleSeed: epoch });

describe('ML_DATABASE_URL', () => {
  it('selects PostgreSQL for the history; unset keeps the SQLite file; anything but a postgres URL is refused without echoing it', () => {
    expect(loadEnv({ ML_HISTORY_DB: '/tmp/h.sqlite' }).history).toEqual({ kind: 'sqlite', file: '/tmp/h.sqlite' });
    expect(loadEnv({ ML_DATABASE_URL: 'postgres://ml:pw@db:5432/ml' }).history).toEqual({ kind: 'postgres', url: 'postgres://ml:pw@db:5432/ml' });
    for (const bad of ['mysql://ml:secret@db/ml', 'postgres://db', 'not a url secret']) {
      expect(() => loadEnv({ ML_DATABASE_URL: bad }), bad).toThrow(/ML_DATABASE_URL must/);
      expect(() => loadEnv({ ML_DATABASE_URL: bad }), bad).not.toThrow(/secret/);
    }
  });
});

describe('training history store: migrations', () => {
  it('PostgreSQL: replicas starting together apply the schema once and write to one table', async () => {
    const url = await postgresDatabase('ml_migrate');
    const stores = await Promise.all([1, 2, 3, 4].map(() => openTrainingHistoryStore({ kind: 'postgres', url, max: 1 })));
    try {
      await Promise.all(stores.map((s, i) => s.putMetrics('run', metrics(i + 1))));
      // Every replica reads what all four wrote.
      for (const s of stores) expect((await s.metrics('run', 0, 10)).map((m) => m.epoch)).toEqual([1, 2, 3, 4]);
      const psql = path.join(postgresBinDir()!, 'psql');
      expect(execFileSync(psql, ['-d', url, '-Atc', 'SELECT version, name FROM schema_migrations'], { encoding: 'utf8' }).trim()).toBe('1|history-schema');
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('SQLite: a history file from before the migrations keeps its rows and is recorded at version 1', async () => {
    const file = path.join(tempDir('ml-history-old-'), 'history.sqlite');
    const old = new Database(file);
    old.exec(`CREATE TABLE epoch_metrics (store_key TEXT NOT NULL, epoch INTEGER NOT NULL, row TEXT NOT NULL, PRIMARY KEY (store_key, epoch)) WITHOUT ROWID;
              CREATE TABLE checkpoints (store_key TEXT NOT NULL, epoch INTEGER NOT NULL, row TEXT NOT NULL, PRIMARY KEY (store_key, epoch)) WITHOUT ROWID;`);
    old.prepare('INSERT INTO epoch_metrics VALUES (?, ?, ?)').run('run', 1, JSON.stringify(metrics(1)));
    old.close();
    let store: TrainingHistoryStore | undefined;
    try {
      store = await openTrainingHistoryStore({ kind: 'sqlite', file });
      expect(await store.metrics('run', 0, 10)).toEqual([metrics(1)]);
    } finally {
      await store?.close();
    }
    const check = new Database(file, { readonly: true });
    expect(check.prepare('SELECT version FROM schema_migrations').all()).toEqual([{ version: 1 }]);
    check.close();
  });
});
