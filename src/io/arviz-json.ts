// The run as ArviZ `from_dict`-layout JSON (MODEL.md §8 inference_data.json): groups of
// nested chain × draw × dims arrays plus dims, coords, attrs. In Python:
//   az.from_dict(**{k: v for k, v in json.load(open(f)).items()})
// JSON.stringify writes numbers as shortest round-trip text and NaN / ±Infinity as null, so
// export → import gives identical arrays (null standing for NA).

import type { InferenceData } from '../core/types';
import { type DiagResult, errorResult } from '../diagnostics/result';
import { validateInferenceData } from '../diagnostics/validate';

export function toArvizJson(idata: InferenceData, indent?: number): string {
  return JSON.stringify(idata, null, indent);
}

export function fromArvizJson(text: string, file = 'inference_data.json'): DiagResult<InferenceData> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return errorResult(`${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, 'The file may be truncated; export the run again.', { file });
  }
  return validateInferenceData(parsed, file);
}
