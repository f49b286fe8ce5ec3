// worker_threads entry for the headless chain pool (filled in by the engine work).
export {};
