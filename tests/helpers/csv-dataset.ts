// The shared reference sets for tests: the loader lives in bench/dev-datasets.ts (no vitest
// there, so `npm run bench` uses the same code); this module keeps the tests' names for it.
import { DEV_DATASETS, sharedPath, wideCsvDataset, type WideRoles } from '../../bench/dev-datasets';

export { sharedPath, wideCsvDataset };

/** ../shared, absolute. */
export const SHARED = sharedPath('.');

const entry = (key: string): { rel: string; roles: WideRoles } => {
  const { file, date, target, channels, controls } = DEV_DATASETS[key];
  return { rel: `data/${file}`, roles: { date, target, channels, controls } };
};

export const MMM_EXAMPLE = entry('mmm_example');
export const DEV_LOGISTIC = entry('dev_weekly_logistic');
export const DEV_HILL = entry('dev_weekly_hill');
