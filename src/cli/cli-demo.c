/* hopfield demo: the whole idea in a terminal, with no files needed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "hf-samples.h"

int
cli_demo (int argc, char **argv)
{
  unsigned long seed = 3;
  if (argc >= 2 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0))
    {
      printf (
          "Usage: hopfield demo [SEED]\nStores the 16x16 digits with MPF, flips 25%% of "
          "the bits of one and shows recall sweep by sweep.\n");
      return 0;
    }
  if (argc >= 2 && !cli_parse_ulong (argv[1], &seed))
    return cli_fail (EXIT_USAGE, "the seed must be a non-negative integer");
  HfError err = { 0 };
  HfPatterns *D = hf_sample_load ("digits-16", &err);
  HfNetwork *net = D ? hf_network_new (D->width, D->height, &err) : NULL;
  if (net == NULL)
    {
      hf_patterns_free (D);
      return cli_fail (1, "%s", err.message);
    }
  HfTrainOptions opts;
  hf_train_options_init (&opts, HF_RULE_MPF);
  if (hf_train (net, D, &opts, NULL, NULL, &err) != HF_OK)
    {
      hf_network_free (net);
      hf_patterns_free (D);
      return cli_fail (1, "%s", err.message);
    }
  printf (
      "Stored the digits 0-9 (16x16) with minimum probability flow: %zu of %zu are fixed "
      "points.\n\n",
      net->summary.stored, D->m);
  gsl_rng *rng = cli_rng (seed);
  size_t k = gsl_rng_uniform_int (rng, D->m);
  int8_t *probe = malloc (D->n);
  memcpy (probe, hf_patterns_get (D, k), D->n);
  hf_state_flip_fraction (probe, D->n, 0.25, rng, NULL);
  HfRecall *r = hf_recall_new (net, &err);
  hf_recall_set_seed (r, seed);
  hf_recall_set_state (r, probe, NULL);
  printf ("Digit %zu with 25%% of its bits flipped (energy %.2f):\n", k,
          hf_recall_energy (r));
  cli_print_state (probe, D->width, D->height);
  while (!hf_recall_converged (r) && hf_recall_sweeps (r) < 20)
    {
      size_t flips;
      hf_recall_sweep (r, &flips);
      printf ("\nAfter sweep %zu: %zu neurons flipped, energy %.2f\n",
              hf_recall_sweeps (r), flips, hf_recall_energy (r));
      cli_print_state (hf_recall_state (r), D->width, D->height);
    }
  HfOutcome o = hf_recall_classify (r, D);
  char what[128];
  cli_describe_outcome (&o, what, sizeof what);
  printf ("\nOutcome: %s.\n", what);
  hf_recall_free (r);
  free (probe);
  gsl_rng_free (rng);
  hf_network_free (net);
  hf_patterns_free (D);
  return 0;
}
