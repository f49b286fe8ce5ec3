// The runs library: everything the studio needs from src/store.
export { RunStore } from './runs';
export { blockedWarning, lostCause, lostError, type ConnectionEvents, type LostReason } from './connection';
export { compareRuns, type RunComparison, type ParameterRow, type SetupDifference } from './compare';
export { runFileName, runFromFileText, runToFileText, RUN_FILE_FORMAT } from './file';
export { migrateRecord, MIGRATIONS } from './migrate';
export { activeSchema, registerSchema, type Migration, type StoreSchema } from './migrations';
export { validateRunRecord } from './validate';
export { estimate } from './estimate';
export { SCHEMA_VERSION, newRunRecord, storeDataset, loadDataset, summarize, type RunRecord, type RunSummary, type RunTimings, type StoredDataset } from './schema';
export type { Result } from './result';
export { SessionStore, SESSION_VERSION, type SessionInput, type SessionRecord } from './session';
export { PREFERENCES_VERSION, readPreferences, readSettings, type PreferencesRecord } from './preferences';
