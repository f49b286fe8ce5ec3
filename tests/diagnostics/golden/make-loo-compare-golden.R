# Regenerates loo-compare-2.5.1.json: loo::loo_compare of two models on the reference
# log-likelihood. Model "a" is ../shared/reference/diagnostics/log_lik.csv; model "b" is a
# deterministic transform of it, ll_b[s, i] = 0.9 * ll[s, i] - 0.05 * ((i - 1) %% 3), so the
# TypeScript test can rebuild it exactly. Run from the repository root with Debian's
# r-cran-loo 2.5.1:  Rscript tests/diagnostics/golden/make-loo-compare-golden.R
suppressMessages(library(loo))
stopifnot(packageVersion("loo") == "2.5.1")
ll <- as.matrix(read.csv("../shared/reference/diagnostics/log_lik.csv"))
chain_id <- rep(1:4, each = nrow(ll) / 4)
ll_b <- 0.9 * ll - 0.05 * matrix((seq_len(ncol(ll)) - 1) %% 3, nrow(ll), ncol(ll), byrow = TRUE)
fit <- function(x) suppressWarnings(loo(x, r_eff = relative_eff(exp(x), chain_id)))
la <- fit(ll); lb <- fit(ll_b)
cmp <- loo_compare(list(a = la, b = lb))
self <- loo_compare(list(a = la, a_again = la))
num <- function(v) sprintf("%.17g", v)
row <- function(m, r) sprintf('{"name": "%s", "elpd_diff": %s, "se_diff": %s, "elpd": %s, "se": %s}', r,
  num(m[r, "elpd_diff"]), num(m[r, "se_diff"]), num(m[r, "elpd_loo"]), num(m[r, "se_elpd_loo"]))
json <- paste0('{\n  "source": "R loo ', packageVersion("loo"), ' loo_compare (make-loo-compare-golden.R)",\n',
  '  "b_elpd_loo": ', num(lb$estimates["elpd_loo", "Estimate"]), ',\n',
  '  "b_max_pareto_k": ', num(max(lb$diagnostics$pareto_k)), ',\n',
  '  "rows": [', paste(vapply(rownames(cmp), function(r) row(cmp, r), ""), collapse = ", "), '],\n',
  '  "self_rows": [', paste(vapply(rownames(self), function(r) row(self, r), ""), collapse = ", "), ']\n}\n')
writeLines(json, "tests/diagnostics/golden/loo-compare-2.5.1.json", sep = "")
