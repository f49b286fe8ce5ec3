# Regenerates posterior-1.4.0-extra.json: posterior 1.4.0 on synthetic edge cases that the
# shared draws.csv lacks: an odd number of draws per chain (split drops the middle draw),
# heavy ties (13 distinct values), a constant-ish variable (range < machine epsilon), and a
# variable holding +Inf. The draws use exact integer arithmetic only (no sin/log), so
# tests/diagnostics/edge-cases.test.ts rebuilds them bit for bit:
#   i = 0..3995, chain = i %/% 999 (4 chains × 999 draws), k = (i * 7919) %% 1000
#   ties13     = ((i * 7919) %% 13) * 0.5
#   tiny       = ((i * 7919) %% 13) * 1e-18
#   drifting   = k / 1000 - 0.5 + chain * 0.05 + (i %% 999) / 9990
#   with_inf   = k / 1000, with +Inf at i = 5
# Run from the repository root: Rscript tests/diagnostics/golden/make-posterior-extra-golden.R
suppressMessages(library(posterior))
stopifnot(packageVersion("posterior") == "1.4.0")
i <- 0:3995
chain <- i %/% 999
k <- (i * 7919) %% 1000
vars <- list(
  ties13 = ((i * 7919) %% 13) * 0.5,
  tiny = ((i * 7919) %% 13) * 1e-18,
  drifting = k / 1000 - 0.5 + chain * 0.05 + (i %% 999) / 9990,
  with_inf = replace(k / 1000, 6, Inf)
)
num <- function(v) if (is.na(v)) "null" else if (is.infinite(v)) sprintf('"%s"', v) else sprintf("%.17g", v)
entries <- vapply(names(vars), function(v) {
  x <- matrix(vars[[v]], ncol = 4) # column = chain
  vals <- c(
    rhat = rhat(x), rhat_basic = rhat_basic(x), ess_bulk = ess_bulk(x), ess_tail = ess_tail(x),
    ess_basic = ess_basic(x), mcse_mean = mcse_mean(x), mcse_sd = mcse_sd(x),
    q5 = unname(quantile2(x, 0.05)), q95 = unname(quantile2(x, 0.95)),
    mcse_q5 = unname(mcse_quantile(x, 0.05)), mcse_q95 = unname(mcse_quantile(x, 0.95))
  )
  sprintf('    "%s": {%s}', v, paste0('"', names(vals), '": ', vapply(vals, num, ""), collapse = ", "))
}, "")
writeLines(paste0('{\n  "source": "R posterior ', packageVersion("posterior"),
  ' (make-posterior-extra-golden.R)",\n  "variables": {\n', paste(entries, collapse = ",\n"), "\n  }\n}\n"),
  "tests/diagnostics/golden/posterior-1.4.0-extra.json", sep = "")
