// comlink ships its Node adapter's types as node-adapter.d.ts next to the .mjs file, which
// TypeScript's bundler resolution does not pick up for the explicit .mjs path.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import type { Endpoint } from 'comlink';
  import type { MessagePort, Worker } from 'node:worker_threads';
  export default function nodeEndpoint(nep: MessagePort | Worker): Endpoint;
}
