# One-off check that rstan::read_stan_csv reads our CmdStan-style CSV with the same means.
# Not part of the automated suite (CI has no R). Usage, from a directory holding
# carryover_1.csv ... carryover_K.csv (toCmdStanCsv output) and our_means.json
# ({"name[coord]": mean, ...} from summarizeParameters, posterior scalars in column order):
#   Rscript tests/io/rstan-read-check.R DIR
# Result recorded 2026-11 with Debian's r-cran-rstan 2.21.7 on a 4 × 300 synthetic run:
# read without warnings (with timings recorded), means equal to ≤ 1e-15 relative.
suppressMessages(library(rstan))
dir <- commandArgs(trailingOnly = TRUE)[1]
files <- sort(list.files(dir, pattern = "^carryover_[0-9]+\\.csv$", full.names = TRUE))
fit <- read_stan_csv(files)
m <- get_posterior_mean(fit)[, "mean-all chains"]
ours <- unlist(jsonlite::fromJSON(file.path(dir, "our_means.json")))
rel <- abs(m[seq_along(ours)] - ours) / pmax(abs(ours), 1e-300)
cat(sprintf("%-24s rstan %.17g  ours %.17g  rel %.2g\n", names(ours), m[seq_along(ours)], ours, rel), sep = "")
stopifnot(max(rel) < 1e-12)
