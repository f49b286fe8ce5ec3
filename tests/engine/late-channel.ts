// A progress channel `delayMs` late, standing in for a Comlink proxy's port in tests: each
// report is handled after a timer, in order (one port is FIFO), and the call's promise settles
// after the callback ran (Comlink's RETURN comes after the callee's function returned). The
// result, meanwhile, comes back at once, so a result that does not wait for its reports
// overtakes them every time.
export function lateChannel<P>(cb: (p: P) => unknown, delayMs: number): (p: P) => Promise<void> {
  return (p: P) =>
    new Promise<void>((resolve) =>
      setTimeout(() => {
        cb(p);
        resolve();
      }, delayMs),
    );
}
