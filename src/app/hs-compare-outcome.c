/* hs-compare-outcome.c: the outcome texts of the compare view's sides. */
#include "config.h"

#include <glib/gi18n.h>

#include "hs-compare-outcome.h"

gboolean
hs_compare_recall_sampling (const HfRecall *recall)
{
  return recall != NULL && hf_recall_mode (recall) == HF_UPDATE_STOCHASTIC
         && hf_recall_temperature (recall) > 0;
}

gboolean
hs_compare_recall_finished (const HfRecall *recall)
{
  if (recall == NULL)
    return TRUE;
  return !hs_compare_recall_sampling (recall)
         && (hf_recall_converged (recall) || hf_recall_in_cycle (recall));
}

char *
hs_compare_describe_outcome (const HfRecall *r, const HfPatterns *lib)
{
  if (r == NULL)
    return g_strdup ("");
  HfOutcome o = hf_recall_classify (r, lib);
  if (hs_compare_recall_sampling (r))
    return o.kind == HF_OUTCOME_PATTERN
               ? g_strdup_printf (_ ("Sampling at T = %.2f — now at pattern %ld"),
                                  hf_recall_temperature (r), o.pattern)
               : g_strdup_printf (_ ("Sampling at T = %.2f"), hf_recall_temperature (r));
  if (!hs_compare_recall_finished (r))
    return g_strdup (hf_recall_steps (r) == 0 ? _ ("Ready") : _ ("Settling…"));
  switch (o.kind)
    {
    case HF_OUTCOME_PATTERN:
      return g_strdup_printf (_ ("Recalled pattern %ld"), o.pattern);
    case HF_OUTCOME_INVERSE:
      return g_strdup_printf (_ ("Inverse of pattern %ld"), o.pattern);
    case HF_OUTCOME_SPURIOUS:
      return o.pattern >= 0 ? g_strdup_printf (
                 _ ("Spurious state (closest: pattern %ld)"), o.pattern)
                            : g_strdup (_ ("Spurious state"));
    case HF_OUTCOME_CYCLE:
      return g_strdup_printf (_ ("%zu-cycle"), o.period);
    default: /* HF_OUTCOME_NOT_CONVERGED */
      return g_strdup (_ ("Not converged"));
    }
}
