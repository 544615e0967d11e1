/* hs-compare-outcome.h: what the compare view says about one side's
 * recall: whether it has finished and how it ended. */
#pragma once

#include <glib.h>

#include "hf-patterns.h"
#include "hf-recall.h"

G_BEGIN_DECLS

/* Sampling: stochastic updates at a positive temperature, which never end. */
gboolean hs_compare_recall_sampling (const HfRecall *recall);

/* Converged or in a cycle (NULL: no recall, TRUE); a sampling recall never is. */
gboolean hs_compare_recall_finished (const HfRecall *recall);

/* The outcome line under a side (NULL: ""), with `lib` the stored patterns;
 * free with g_free. */
char *hs_compare_describe_outcome (const HfRecall *recall, const HfPatterns *lib);

G_END_DECLS
