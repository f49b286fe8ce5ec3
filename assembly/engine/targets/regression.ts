// The normal linear regression likelihood shared by kidscore_momiq, logmesquite and blr:
// y ~ Normal(X β, σ), X row-major n × k.
import { ld, st } from './math';

/**
 * Writes Xᵀ r into xtr (k values) for r = y - X β and returns the residual sum of squares
 * rᵀ r. Then log L = -n log σ - SSR / (2σ²), ∂/∂β = Xᵀr / σ², ∂/∂log σ = -n + SSR / σ².
 */
export function residuals(X: usize, y: usize, n: i32, k: i32, beta: usize, xtr: usize): f64 {
  for (let j = 0; j < k; j++) st(xtr, j, 0);
  let ssr: f64 = 0;
  for (let i = 0; i < n; i++) {
    const row = X + (<usize>(i * k) << 3);
    let m: f64 = 0;
    for (let j = 0; j < k; j++) m += ld(row, j) * ld(beta, j);
    const r = ld(y, i) - m;
    ssr += r * r;
    for (let j = 0; j < k; j++) st(xtr, j, ld(xtr, j) + ld(row, j) * r);
  }
  return ssr;
}
