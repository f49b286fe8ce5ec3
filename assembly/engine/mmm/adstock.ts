// Adstock kernels (MODEL.md §2) with their parameter derivatives.
//
// Every kernel is handled through its log-weights g_l (before normalising) and their partial
// derivatives d_l = ∂g_l/∂p. The normalised weights are a softmax, w_l = e^{g_l − m} / Σ e^{g_j − m}
// with m = max g (so no kernel under- or overflows to 0/0), and
//   ∂w_l/∂p = w_l (d_l − d̄),  d̄ = Σ_j w_j d_j.
// Constant factors of a kernel (weibull_pdf's k/λ) cancel in the normalisation and are left out.
// Kernels, with x_l = (l+1)/λ:
//   geometric    g_l = l log α                      ∂α: l/α   (weights α^l by repeated products)
//   delayed      g_l = (l − θ)² log α               ∂α: (l − θ)²/α   ∂θ: −2 (l − θ) log α
//   weibull_pdf  g_l = (k − 1) log x_l − x_l^k      ∂λ: (k x_l^k − (k − 1))/λ   ∂k: log x_l (1 − x_l^k)
//   weibull_cdf  g_l = −Σ_{i=1..l} (i/λ)^k          ∂λ: Σ k (i/λ)^k / λ         ∂k: −Σ (i/λ)^k log(i/λ)
import { ADSTOCK_DELAYED, ADSTOCK_GEOMETRIC, ADSTOCK_WEIBULL_PDF, ld, st } from './block';
import { exp, log } from './fmath';

/** Log-weights of the kernel and their partials, before normalising. logTab[l] = log(l + 1). */
function logWeights(kind: i32, p1: f64, p2: f64, L: i32, logTab: usize, g: usize, d1: usize, d2: usize): void {
  if (kind == ADSTOCK_GEOMETRIC) {
    // Not reached: adstockWeights builds geometric weights directly.
    unreachable();
  } else if (kind == ADSTOCK_DELAYED) {
    const la = log(p1);
    for (let l = 0; l < L; l++) {
      const u = <f64>l - p2;
      st(g, l, u * u * la);
      st(d1, l, (u * u) / p1);
      st(d2, l, -2 * u * la);
    }
  } else if (kind == ADSTOCK_WEIBULL_PDF) {
    const lam = p1;
    const k = p2;
    const llam = log(lam);
    for (let l = 0; l < L; l++) {
      const lx = ld(logTab, l) - llam;
      const xk = exp(k * lx);
      st(g, l, (k - 1) * lx - xk);
      st(d1, l, (k * xk - (k - 1)) / lam);
      st(d2, l, lx * (1 - xk));
    }
  } else {
    // ADSTOCK_WEIBULL_CDF: running sums over i = 1..l.
    const lam = p1;
    const k = p2;
    const llam = log(lam);
    let sg: f64 = 0;
    let s1: f64 = 0;
    let s2: f64 = 0;
    st(g, 0, 0);
    st(d1, 0, 0);
    st(d2, 0, 0);
    for (let l = 1; l < L; l++) {
      const li = ld(logTab, l - 1) - llam;
      const ik = exp(k * li);
      sg -= ik;
      s1 += (k * ik) / lam;
      s2 -= ik * li;
      st(g, l, sg);
      st(d1, l, s1);
      st(d2, l, s2);
    }
  }
}

/**
 * Normalised weights into w (overwriting g) and centred partials d_l − d̄ into d1, d2, so that
 * ∂w_l/∂p = w_l d_l afterwards.
 */
export function adstockWeights(kind: i32, p1: f64, p2: f64, L: i32, logTab: usize, w: usize, d1: usize, d2: usize): void {
  let sum: f64 = 0;
  if (kind == ADSTOCK_GEOMETRIC) {
    // α^l ≤ 1 = the largest weight, so no shift is needed.
    let p: f64 = 1;
    for (let l = 0; l < L; l++) {
      st(w, l, p);
      st(d1, l, <f64>l / p1);
      st(d2, l, 0);
      sum += p;
      p *= p1;
    }
  } else {
    logWeights(kind, p1, p2, L, logTab, w, d1, d2);
    let m: f64 = -Infinity;
    for (let l = 0; l < L; l++) m = Math.max(m, ld(w, l));
    for (let l = 0; l < L; l++) {
      const e = exp(ld(w, l) - m);
      st(w, l, e);
      sum += e;
    }
  }
  const inv = 1 / sum;
  let m1: f64 = 0;
  let m2: f64 = 0;
  for (let l = 0; l < L; l++) {
    const wl = ld(w, l) * inv;
    st(w, l, wl);
    m1 += wl * ld(d1, l);
    m2 += wl * ld(d2, l);
  }
  for (let l = 0; l < L; l++) {
    st(d1, l, ld(d1, l) - m1);
    st(d2, l, ld(d2, l) - m2);
  }
}
