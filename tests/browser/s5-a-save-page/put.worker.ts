// The alternative measured by the save-cost bench: the put() made in a worker, the packed
// arrays transferred to it (not copied), so the main thread pays only the pack and the
// postMessage. Answers with the time its own put() call blocked the worker.
self.onmessage = async (e: MessageEvent<{ value: unknown; key: string }>) => {
  const db = await new Promise<IDBDatabase>((res, rej) => {
    const q = indexedDB.open('put-bench', 1);
    q.onupgradeneeded = () => q.result.createObjectStore('p');
    q.onsuccess = () => res(q.result);
    q.onerror = () => rej(q.error);
  });
  const tx = db.transaction('p', 'readwrite');
  const t0 = performance.now();
  tx.objectStore('p').put(e.data.value, e.data.key);
  const put = performance.now() - t0;
  await new Promise((res, rej) => ((tx.oncomplete = res), (tx.onerror = rej)));
  db.close();
  (self as unknown as Worker).postMessage({ put });
};
