// Checks that a parsed inference_data.json has the shape the diagnostics read (MODEL.md §8),
// and says what is wrong and where when it does not.
import type { InferenceData } from '../core/types';
import { flattenNested, shapeOf } from './idata';
import { type DiagResult, errorResult, okResult } from './result';

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function checkDraws(group: string, name: string, arr: unknown, lead: number[] | null, file: string): string | number[] {
  const where = `${group}.${name}`;
  if (!Array.isArray(arr)) return `${where} is not an array`;
  const shape = shapeOf(arr);
  if (shape.length < 2 || shape[0] === 0 || shape[1] === 0) return `${where} does not lead with chain × draw (shape [${shape.join(', ')}])`;
  try {
    flattenNested(arr, shape.reduce((a, b) => a * b, 1));
  } catch {
    return `${where} in ${file} is not rectangular`;
  }
  if (lead && (shape[0] !== lead[0] || shape[1] !== lead[1])) {
    return `${where} has ${shape[0]} chains × ${shape[1]} draws, the posterior has ${lead[0]} × ${lead[1]}`;
  }
  return shape;
}

export function validateInferenceData(x: unknown, file = 'inference_data.json'): DiagResult<InferenceData> {
  const hint = 'Re-export the run from the studio or re-run `carryover fit`; the layout is ArviZ’s from_dict (posterior, sample_stats, observed_data groups; chain × draw arrays).';
  if (!isObject(x)) return errorResult(`${file} does not hold a JSON object.`, hint, { file });
  if (!isObject(x.posterior) || Object.keys(x.posterior).length === 0) {
    return errorResult(`${file} has no posterior group (or it is empty).`, hint, { file });
  }
  let lead: number[] | null = null;
  for (const [name, arr] of Object.entries(x.posterior)) {
    const r = checkDraws('posterior', name, arr, lead, file);
    if (typeof r === 'string') return errorResult(r, hint, { file });
    lead ??= r.slice(0, 2);
  }
  for (const group of ['sample_stats', 'log_likelihood', 'posterior_predictive'] as const) {
    const g = x[group];
    if (g === undefined) continue;
    if (!isObject(g)) return errorResult(`${group} in ${file} is not an object.`, hint, { file });
    for (const [name, arr] of Object.entries(g)) {
      const r = checkDraws(group, name, arr, lead, file);
      if (typeof r === 'string') return errorResult(r, hint, { file });
    }
  }
  if (x.observed_data !== undefined && (!isObject(x.observed_data) || (x.observed_data.y !== undefined && !Array.isArray(x.observed_data.y)))) {
    return errorResult(`observed_data.y in ${file} is not an array.`, hint, { file });
  }
  for (const key of ['dims', 'coords', 'attrs'] as const) {
    if (x[key] !== undefined && !isObject(x[key])) return errorResult(`${key} in ${file} is not an object.`, hint, { file });
  }
  const idata = { dims: {}, coords: {}, attrs: {}, sample_stats: {}, ...x } as unknown as InferenceData;
  return okResult(idata);
}
