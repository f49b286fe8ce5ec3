// Saves a file built in the worker as a download from a local blob: URL (nothing is sent
// anywhere), the way the runs library exports a run.
import type { DownloadFile } from './files';

export function saveFile(file: DownloadFile): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: `${file.mime};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has the blob once the click is handled; keep the URL a little for slow disks.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
