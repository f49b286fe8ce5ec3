// The chain this instance is running (one per instance), shared by the ABI in ./exports.ts
// and the test hooks in ./test-hooks.ts without becoming an export itself.
import { Chain } from './chain';

let chain: Chain | null = null;

export function currentChain(): Chain | null {
  return chain;
}

export function setCurrentChain(c: Chain | null): void {
  chain = c;
}
