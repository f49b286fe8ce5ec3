// A fresh deep copy of the committed v1 fixture for each test to damage as it likes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunRecord } from '../../src/store';

const text = readFileSync(path.join(__dirname, 'fixtures/run-v1.json'), 'utf8');

export function fixture(): RunRecord {
  return JSON.parse(text) as RunRecord;
}
