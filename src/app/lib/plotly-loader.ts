// Loads the plotly bundle once, on the first plot drawn.
type PlotlyApi = (typeof import('./plotly-bundle'))['default'];

let loading: Promise<PlotlyApi> | null = null;

export function loadPlotly(): Promise<PlotlyApi> {
  loading ??= import('./plotly-bundle').then((m) => m.default);
  // A failed load (e.g. offline before the app was cached) may be retried later.
  loading.catch(() => (loading = null));
  return loading;
}
