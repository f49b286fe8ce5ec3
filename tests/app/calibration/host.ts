// The synthetic workspace the calibration-state tests read (dev_workspace_hill: raw/ and
// analysis/ as a folder import gives them) and a plain CalibrationHost over it: the spec the
// Model step would hold, rebuilt with the calibration on every write.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withCalibration, type CalibrationHost } from '../../../src/app/calibration/calibration.svelte';
import type { Dataset, LiftTest, ModelSpec, RoasPrior } from '../../../src/core/types';
import { buildDataset, detectRoles, parseFiles } from '../../../src/data';
import type { Passthrough } from '../../../src/data/types';
import { defaultModelSpec } from '../../../src/model/spec';
import { SHARED } from '../../calibration/wide-csv';

const dir = join(SHARED, 'data/synthetic/dev_workspace_hill');
const files = ['raw', 'analysis'].flatMap((sub) => readdirSync(join(dir, sub)).map((f) => ({ name: `dev_workspace_hill/${sub}/${f}`, text: readFileSync(join(dir, sub, f), 'utf8') })));
export const parsed = parseFiles(files);
export const workspace = buildDataset(parsed, detectRoles(parsed)).dataset!;

export class Host implements CalibrationHost {
  spec: ModelSpec | null;
  writes = 0;
  constructor(
    public dataset: Dataset | null,
    public passthrough: readonly Passthrough[] | null,
  ) {
    this.spec = dataset ? defaultModelSpec(dataset, { saturation: 'hill' }) : null;
  }
  write(c: { lift_tests: LiftTest[]; roas_priors: RoasPrior[] }): void {
    this.writes++;
    this.spec = withCalibration(this.spec!, c);
  }
}
