// Exports of the targets part of the engine (see ../index.ts): analytic and posteriordb
// test targets for the sampler. Kind ids and block layouts match src/engine/test-targets.ts.
import { loadArK } from './ark';
import { loadBlr } from './blr';
import { loadEightSchools } from './eight-schools';
import { loadFunnel } from './funnel';
import { loadGarch } from './garch';
import { loadGaussian } from './gaussian';
import { loadKidiq } from './kidiq';
import { loadMesquite } from './mesquite';

/**
 * Makes test target `kind` the sampler's target, with its data block (len f64s at ptr,
 * which must stay allocated). Returns the unconstrained dimension, or a negative code:
 * -1 malformed block, -2 invalid data values, -3 unknown kind.
 */
export function testTargetLoad(kind: i32, ptr: usize, len: i32): i32 {
  switch (kind) {
    case 1:
      return loadGaussian(ptr, len);
    case 2:
      return loadFunnel(ptr, len);
    case 3:
      return loadEightSchools(ptr, len);
    case 4:
      return loadKidiq(ptr, len);
    case 5:
      return loadMesquite(ptr, len);
    case 6:
      return loadArK(ptr, len);
    case 7:
      return loadGarch(ptr, len);
    case 8:
      return loadBlr(ptr, len);
  }
  return -3;
}
