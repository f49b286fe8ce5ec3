# Regenerates posterior-1.4.0.json: the R `posterior` package's diagnostics on
# ../shared/reference/diagnostics/draws.csv, at full double precision.
# Run from the repository root with Debian's r-cran-posterior 1.4.0 installed:
#   Rscript tests/diagnostics/golden/make-posterior-golden.R
# Why this exists: reference_posterior.json's rhat for `cauchy` (0.9999502814102) is not
# what posterior 1.4.0 returns on draws.csv (0.99995601762429); every other value agrees.
suppressMessages(library(posterior))
stopifnot(packageVersion("posterior") == "1.4.0")
d <- read.csv("../shared/reference/diagnostics/draws.csv")
vars <- setdiff(names(d), c("chain", "draw"))
num <- function(v) if (is.na(v)) "null" else sprintf("%.17g", v)
entries <- vapply(vars, function(v) {
  x <- sapply(split(d[[v]], d$chain), identity) # iterations x chains
  vals <- c(
    mean = mean(x), sd = sd(x), rhat = rhat(x), rhat_basic = rhat_basic(x),
    ess_bulk = ess_bulk(x), ess_tail = ess_tail(x), ess_basic = ess_basic(x),
    mcse_mean = mcse_mean(x), mcse_sd = mcse_sd(x),
    q5 = unname(quantile2(x, 0.05)), q95 = unname(quantile2(x, 0.95)),
    mcse_q5 = unname(mcse_quantile(x, 0.05)), mcse_q95 = unname(mcse_quantile(x, 0.95))
  )
  fields <- paste0('"', names(vals), '": ', vapply(vals, num, ""), collapse = ", ")
  sprintf('    "%s": {%s}', v, fields)
}, "")
json <- paste0('{\n  "source": "R posterior ', packageVersion("posterior"),
  ' on ../shared/reference/diagnostics/draws.csv (make-posterior-golden.R)",\n  "variables": {\n',
  paste(entries, collapse = ",\n"), "\n  }\n}\n")
writeLines(json, "tests/diagnostics/golden/posterior-1.4.0.json", sep = "")
