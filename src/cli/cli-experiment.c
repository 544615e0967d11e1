#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "hf-experiment.h"

static void
experiment_usage (FILE *out)
{
  fprintf (
      out,
      "Usage: hopfield experiment KIND [OPTIONS]\n"
      "Reruns the MPF paper's experiments with fixed seeds and prints a table (CSV\n"
      "with --csv).\n\n"
      "Kinds:\n"
      "  capacity   fraction of m random patterns stored (Fig. 2)\n"
      "  denoise    fraction of probes with k flipped bits recovered (Fig. 3)\n"
      "  noisy      train on noisy copies only; are the originals stored? (Fig. 4)\n\n"
      "Options:\n"
      "  -R, --rule NAME       learning rule (default mpf)\n"
      "  -n, --neurons N       network size (default 64)\n"
      "  -m, --patterns LIST   m values: A:B:STEP or A,B,C (default 8:120:8)\n"
      "  -k, --flips LIST      denoise: bits to flip (default 0:64:4);\n"
      "                        noisy: bits flipped per copy (default 20)\n"
      "  -c, --copies N        noisy: copies per pattern (default 200)\n"
      "      --exact           noisy: flip exactly k bits per copy (default: each\n"
      "                        bit with probability k/n)\n"
      "  -p, --probes N        denoise: probes per pattern and level (default 4)\n"
      "  -t, --trials N        trials (default 20)\n"
      "  -S, --seed N          seed (default 1)\n"
      "      --csv             print CSV\n");
}

/* Progress goes to a terminal only, as one line redrawn in place (\r),
 * erased before any table is printed; with stderr captured or piped,
 * nothing. part/parts: which of several runs (denoise, one per m). */
typedef struct
{
  bool tty;
  size_t part, parts;
  int shown; /* percent on screen, -1 none */
} Progress;

static bool
show_progress (double done, void *user)
{
  Progress *p = user;
  int pct = (int)(100.0 * ((double)p->part + done) / (double)p->parts);
  if (p->tty && pct != p->shown)
    {
      fprintf (stderr, "\r  %3d%% done", pct);
      fflush (stderr);
      p->shown = pct;
    }
  return true;
}

static void
end_progress (Progress *p)
{
  if (p->tty && p->shown >= 0)
    {
      fprintf (stderr, "\r\033[K"); /* back to the start, erase the line */
      fflush (stderr);
    }
  p->shown = -1;
}

int
cli_experiment (int argc, char **argv)
{
  enum
  {
    O_CSV = 256,
    O_EXACT
  };
  static const struct option longopts[] = {
    { "rule", required_argument, 0, 'R' },     { "neurons", required_argument, 0, 'n' },
    { "patterns", required_argument, 0, 'm' }, { "flips", required_argument, 0, 'k' },
    { "copies", required_argument, 0, 'c' },   { "probes", required_argument, 0, 'p' },
    { "trials", required_argument, 0, 't' },   { "seed", required_argument, 0, 'S' },
    { "csv", no_argument, 0, O_CSV },          { "exact", no_argument, 0, O_EXACT },
    { "help", no_argument, 0, 'h' },           { 0, 0, 0, 0 },
  };
  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      experiment_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? EXIT_USAGE : 0;
    }
  const char *kind = argv[1];
  bool is_cap = strcmp (kind, "capacity") == 0, is_den = strcmp (kind, "denoise") == 0,
       is_noisy = strcmp (kind, "noisy") == 0;
  if (!is_cap && !is_den && !is_noisy)
    return cli_fail (EXIT_USAGE, "unknown experiment '%s' (capacity, denoise, noisy)",
                     kind);
  HfRule rule = HF_RULE_MPF;
  unsigned long n = 64, trials = 20, seed = 1, copies = 200, probes = 4;
  size_t *ms = NULL, nm = 0, *ks = NULL, nk = 0;
  bool csv = false, exact = false;
  int c;
  optind = 2;
  while ((c = getopt_long (argc, argv, "R:n:m:k:c:p:t:S:h", longopts, NULL)) != -1)
    switch (c)
      {
      case 'R':
        if (!hf_rule_from_name (optarg, &rule))
          return cli_fail (EXIT_USAGE, "unknown rule '%s'", optarg);
        break;
      case 'n':
        if (!cli_parse_ulong (optarg, &n) || n < 2 || n > 4096)
          return cli_fail (EXIT_USAGE, "--neurons needs 2..4096");
        break;
      case 'm':
        free (ms);
        if (!cli_parse_list (optarg, &ms, &nm))
          return cli_fail (EXIT_USAGE, "--patterns needs A:B:STEP or A,B,C");
        break;
      case 'k':
        free (ks);
        if (!cli_parse_list (optarg, &ks, &nk))
          return cli_fail (EXIT_USAGE, "--flips needs A:B:STEP or A,B,C");
        break;
      case 'c':
        if (!cli_parse_ulong (optarg, &copies) || copies == 0 || copies > 10000)
          return cli_fail (EXIT_USAGE, "--copies needs 1..10000");
        break;
      case 'p':
        if (!cli_parse_ulong (optarg, &probes) || probes == 0 || probes > 10000)
          return cli_fail (EXIT_USAGE, "--probes needs 1..10000");
        break;
      case 't':
        if (!cli_parse_ulong (optarg, &trials) || trials == 0 || trials > 100000)
          return cli_fail (EXIT_USAGE, "--trials needs 1..100000");
        break;
      case 'S':
        if (!cli_parse_ulong (optarg, &seed))
          return cli_fail (EXIT_USAGE, "--seed needs a non-negative integer");
        break;
      case O_CSV:
        csv = true;
        break;
      case O_EXACT:
        exact = true;
        break;
      case 'h':
        experiment_usage (stdout);
        return 0;
      default:
        return EXIT_USAGE;
      }
  if (ms == NULL)
    cli_parse_list (is_den ? "16" : is_noisy ? "1:16:1" : "8:120:8", &ms, &nm);
  if (ks == NULL)
    cli_parse_list (is_den ? "0:64:4" : "20", &ks, &nk);
  for (size_t k = 0; k < nm; k++)
    if (ms[k] == 0)
      return cli_fail (EXIT_USAGE, "m must be at least 1");
  for (size_t k = 0; k < nk; k++)
    if (ks[k] > n)
      return cli_fail (EXIT_USAGE, "cannot flip %zu of %lu bits", ks[k], n);
  HfTrainOptions opts;
  hf_train_options_init (&opts, rule);
  HfError err = { 0 };
  HfStatus st = HF_OK;
  const char *sep = csv ? "," : "  ";
  Progress progress = { isatty (STDERR_FILENO) == 1, 0, 1, -1 };
  if (is_cap)
    {
      HfCapacityRow *rows = calloc (nm, sizeof *rows);
      if (rows == NULL)
        return cli_fail (1, "out of memory");
      st = hf_experiment_capacity (&opts, n, ms, nm, trials, seed, rows, show_progress,
                                   &progress, &err);
      end_progress (&progress);
      if (st == HF_OK)
        {
          if (csv)
            printf ("m,fraction_stored,all_stored,seconds,iterations\n");
          else
            printf ("# %s, n = %lu, %lu trials\n%4s  %8s  %8s  %10s  %10s\n",
                    hf_rule_info (rule)->name, n, trials, "m", "stored", "all", "seconds",
                    "iterations");
          for (size_t r = 0; r < nm; r++)
            printf (csv ? "%zu%s%.4f%s%.4f%s%.6f%s%.1f\n"
                        : "%4zu%s%8.4f%s%8.4f%s%10.6f%s%10.1f\n",
                    rows[r].m, sep, rows[r].fraction_stored, sep, rows[r].all_stored, sep,
                    rows[r].seconds, sep, rows[r].iterations);
        }
      free (rows);
    }
  else if (is_den)
    {
      /* every m first, then the tables: no progress line after a table */
      HfDenoiseRow *all = calloc (nm * nk, sizeof *all);
      if (all == NULL)
        return cli_fail (1, "out of memory");
      progress.parts = nm;
      for (size_t r = 0; r < nm && st == HF_OK; r++)
        {
          progress.part = r;
          st = hf_experiment_denoise (&opts, n, ms[r], ks, nk, trials, probes, seed,
                                      all + r * nk, show_progress, &progress, &err);
        }
      end_progress (&progress);
      for (size_t r = 0; r < nm && st == HF_OK; r++)
        {
          const HfDenoiseRow *rows = all + r * nk;
          if (csv && r == 0)
            printf ("m,flips,recovered\n");
          else if (!csv)
            printf ("# %s, n = %lu, m = %zu, %lu trials\n%6s  %9s\n",
                    hf_rule_info (rule)->name, n, ms[r], trials, "flips", "recovered");
          for (size_t k = 0; k < nk; k++)
            {
              if (csv)
                printf ("%zu,%zu,%.4f\n", ms[r], rows[k].flips, rows[k].recovered);
              else
                printf ("%6zu  %9.4f\n", rows[k].flips, rows[k].recovered);
            }
        }
      free (all);
    }
  else
    {
      HfNoisyRow *rows = calloc (nm, sizeof *rows);
      if (rows == NULL)
        return cli_fail (1, "out of memory");
      st = hf_experiment_noisy (&opts, n, ms, nm, ks[0], exact, copies, trials, seed,
                                rows, show_progress, &progress, &err);
      end_progress (&progress);
      if (st == HF_OK)
        {
          if (csv)
            printf ("m,patterns_stored,bits_recalled\n");
          else
            printf ("# %s, n = %lu, %zu bits flipped%s, %lu copies, %lu trials\n%4s  %9s "
                    " %9s\n",
                    hf_rule_info (rule)->name, n, ks[0],
                    exact ? " exactly" : " on average", copies, trials, "m", "patterns",
                    "bits");
          for (size_t r = 0; r < nm; r++)
            printf (csv ? "%zu,%.4f,%.4f\n" : "%4zu  %9.4f  %9.4f\n", rows[r].m,
                    rows[r].patterns_stored, rows[r].bits_recalled);
        }
      free (rows);
    }
  free (ms);
  free (ks);
  return st == HF_OK ? 0 : cli_fail (1, "%s", err.message);
}
