/* kept-session-tool: writes a session keeping two experiment results
 * made exactly as the studio's Lab keeps them (hp_lab_spec_parse, the
 * engine's experiment per rule and m, hp_lab_result_fill), for
 * tests/cli/test-experiment-show.sh. Usage: kept-session-tool OUT [--empty]
 * (--empty: the same session keeping nothing) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hf-experiment.h"
#include "hf-samples.h"
#include "hp-lab-table.h"

static int
keep (HfSessionResult *r, HpLabKind kind, const char *const *texts, const char *label)
{
  HpLabSpec s;
  GError *error = NULL;
  if (!hp_lab_spec_parse (&s, kind, texts, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  void *rows = g_malloc0_n (s.total, hp_lab_row_size (kind));
  HfError err = { 0 };
  HfStatus st = HF_OK;
  for (size_t q = 0; st == HF_OK && q < s.nrules; q++)
    {
      HfTrainOptions o;
      hf_train_options_init (&o, s.rules[q]);
      if (kind == HP_LAB_CAPACITY)
        st = hf_experiment_capacity_mt (&o, s.n, s.ms, s.nm, s.trials, s.seed, 0,
                                        (HfCapacityRow *)rows + q * s.nm, NULL, NULL,
                                        &err);
      else
        st = hf_experiment_denoise_grid_mt (
            &o, s.n, s.ms, s.nm, s.ks, s.nk, s.trials, s.probes, s.seed, 0,
            (HfDenoiseRow *)rows + q * s.nm * s.nk, NULL, NULL, &err);
    }
  int rc
      = st != HF_OK || !hp_lab_result_fill (r, &s, texts, rows, NULL, label, 1795000000);
  if (st != HF_OK)
    fprintf (stderr, "%s\n", err.message);
  g_free (rows);
  hp_lab_spec_clear (&s);
  return rc;
}

int
main (int argc, char **argv)
{
  if (argc != 2 && !(argc == 3 && strcmp (argv[2], "--empty") == 0))
    return 2;
  HfSession ss = { 0 };
  hf_session_settings_init (&ss.settings);
  ss.library = hf_sample_load ("digits-16", NULL);
  ss.probe = calloc (256, 1);
  ss.source = calloc (256, 1);
  memset (ss.probe, -1, 256);
  memset (ss.source, -1, 256);
  HfSessionResult r[2];
  const char *cap[HP_LAB_NPARAMS] = { [HP_LAB_P_RULES] = "perceptron, mpf",
                                      [HP_LAB_P_N] = "32",
                                      [HP_LAB_P_MS] = "8:56:16",
                                      [HP_LAB_P_TRIALS] = "2",
                                      [HP_LAB_P_SEED] = "3" };
  const char *den[HP_LAB_NPARAMS] = { [HP_LAB_P_RULES] = "hebbian,mpf",
                                      [HP_LAB_P_N] = "32",
                                      [HP_LAB_P_MS] = "4,8",
                                      [HP_LAB_P_KS] = "0:8:4",
                                      [HP_LAB_P_TRIALS] = "2",
                                      [HP_LAB_P_PROBES] = "2",
                                      [HP_LAB_P_SEED] = "5" };
  if (keep (&r[0], HP_LAB_CAPACITY, cap, "Before the break")
      || keep (&r[1], HP_LAB_DENOISE, den, ""))
    return 1;
  ss.nresults = argc == 3 ? 0 : 2;
  ss.results = r;
  HfError err = { 0 };
  if (hf_session_save (argv[1], &ss, &err) != HF_OK)
    {
      fprintf (stderr, "%s\n", err.message);
      return 1;
    }
  hf_session_result_clear (&r[0]);
  hf_session_result_clear (&r[1]);
  hf_patterns_free (ss.library);
  free (ss.probe);
  free (ss.source);
  return 0;
}
