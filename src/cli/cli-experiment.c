#include "cli-experiment.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hf-experiment-images.h"
#include "hf-experiment.h"
#include "hp-chart.h"
#include "hp-lab.h"

static void
experiment_usage (FILE *out)
{
  fprintf (
      out,
      "Usage: hopfield experiment KIND [OPTIONS]\n"
      "Reruns the MPF paper's experiments with fixed seeds and the paper's\n"
      "parameters, and prints a table (CSV with --csv).\n\n"
      "Kinds:\n"
      "  capacity   fraction of m random patterns stored (Fig. 2 left)\n"
      "  timing     training time against m (Fig. 2 right)\n"
      "  denoise    fraction of probes with k flipped bits recovered (Fig. 3)\n"
      "  noisy      train on noisy copies only; are the originals stored? (Fig. 4)\n"
      "  images     80 fingerprints learned from a stream of 30%%-corrupted copies,\n"
      "             recalled from 40%% corruption (Fig. 1)\n"
      "  scaling    MPF training time against n at m = n/4, fitted exponent\n"
      "  margin     denoising against MPF's stopping margin\n"
      "  show       a result kept in a session (hopfield experiment show --help)\n\n"
      "Options:\n"
      "  -R, --rule LIST       learning rules, comma-separated (default: the paper's)\n"
      "  -n, --neurons N       network size (capacity, timing, noisy: 64; denoise: 128;\n"
      "                        margin: 128); images: a square, the originals cut to\n"
      "                        their centre (4096: whole; with --quick 1024, 32x32)\n"
      "  -m, --patterns LIST   m values: A:B:STEP or A,B,C; scaling: the n values\n"
      "  -k, --flips LIST      denoise, margin: bits to flip (default 0:64:4);\n"
      "                        noisy: bits flipped per copy (default 20)\n"
      "  -c, --copies N        noisy: copies per pattern (default 200);\n"
      "                        images: copies of each image per minibatch (1;\n"
      "                        with --quick 3)\n"
      "      --exact           noisy, images: flip exactly k bits per copy\n"
      "                        (default: each bit with probability k/n)\n"
      "  -p, --probes N        denoise, margin: probes per pattern and level (4)\n"
      "  -t, --trials N        trials (capacity, timing 20; denoise 5; noisy 13;\n"
      "                        scaling 10; margin 4)\n"
      "  -S, --seed N          seed (default 1)\n"
      "      --margins LIST    margin: stopping margins, e.g. 0.1,0.5,1,2,4,0\n"
      "                        (0: train until the gradient is flat)\n"
      "      --images N        images: how many of the originals (default 80;\n"
      "                        with --quick 32)\n"
      "      --originals SPEC  images: the originals (default sample:fingerprints-64)\n"
      "      --steps N         images: minibatches (default 300; with --quick 100)\n"
      "      --rate X          images: MPF's initial Adam step on J, times n (default "
      "4)\n"
      "      --threads N       trials in parallel (default: every core); the\n"
      "                        tables do not depend on it\n"
      "      --quick           small sizes, for a demonstration in seconds\n"
      "      --csv             print CSV\n"
      "      --plot FILE       draw the figure as SVG or PNG (by the extension)\n");
}

bool
cli_experiment_progress (double done, void *user)
{
  (void)user;
  if (isatty (STDERR_FILENO))
    fprintf (stderr, "\r  %3.0f%% done", 100.0 * done);
  return true;
}

void
cli_experiment_progress_end (void)
{
  if (isatty (STDERR_FILENO))
    fprintf (stderr, "\r           \r");
}

static bool
parse_rules (const char *s, CliExperiment *a)
{
  char buf[256];
  if (strlen (s) >= sizeof buf)
    return false;
  strcpy (buf, s);
  a->nrules = 0;
  for (char *save = NULL, *tok = strtok_r (buf, ",", &save); tok != NULL;
       tok = strtok_r (NULL, ",", &save))
    {
      if (a->nrules == CLI_MAX_RULES || !hf_rule_from_name (tok, &a->rules[a->nrules]))
        return false;
      a->nrules++;
    }
  return a->nrules > 0;
}

static bool
parse_doubles (const char *s, double **out, size_t *count)
{
  free (*out);
  *out = NULL;
  *count = 0;
  size_t cap = 1;
  for (const char *p = s; *p; p++)
    cap += *p == ',';
  double *v = malloc (cap * sizeof *v);
  char *buf = strdup (s);
  if (v == NULL || buf == NULL)
    {
      free (v);
      free (buf);
      return false;
    }
  size_t c = 0;
  for (char *save = NULL, *tok = strtok_r (buf, ",", &save); tok != NULL;
       tok = strtok_r (NULL, ",", &save))
    if (!cli_parse_double (tok, &v[c++]))
      {
        free (v);
        free (buf);
        return false;
      }
  free (buf);
  *out = v;
  *count = c;
  return c > 0;
}

/* ---- plots of the classic tables ---- */
static int
write_chart (const char *path, const HpChart *chart)
{
  char msg[512];
  if (hp_chart_export (path, 900, 560, chart, msg, sizeof msg) != 0)
    return cli_fail (1, "%s", msg);
  return 0;
}

static int
plot_capacity (const CliExperiment *a, const HfCapacityRow *rows, bool timing)
{
  HpLabChart c;
  if (!hp_lab_capacity_chart (&c, rows, a->nrules * a->nm, a->rules, a->nrules, a->ms,
                              a->nm, a->n, a->trials, timing))
    return cli_fail (1, "out of memory");
  int rc = write_chart (a->plot, &c.chart);
  hp_lab_chart_clear (&c);
  return rc;
}

static int
plot_denoise (const CliExperiment *a, const HfDenoiseRow *rows)
{
  HpLabChart c;
  if (!hp_lab_denoise_chart (&c, rows, a->nrules * a->nm * a->nk, a->rules, a->nrules,
                             a->ms, a->nm, a->ks, a->nk, a->n, a->trials))
    return cli_fail (1, "out of memory");
  int rc = write_chart (a->plot, &c.chart);
  hp_lab_chart_clear (&c);
  return rc;
}

static int
plot_noisy (const CliExperiment *a, const HfNoisyRow *rows)
{
  HpLabChart c;
  if (!hp_lab_noisy_chart (&c, rows, a->nrules * a->nm, a->rules, a->nrules, a->ms, a->nm,
                           a->n, a->ks[0], a->trials))
    return cli_fail (1, "out of memory");
  int rc = write_chart (a->plot, &c.chart);
  hp_lab_chart_clear (&c);
  return rc;
}

/* ---- the classic kinds ---- */
static int
run_capacity (CliExperiment *a, bool timing)
{
  size_t nm = a->nm;
  HfCapacityRow *rows = calloc (a->nrules * nm, sizeof *rows);
  HfError err = { 0 };
  HfStatus st = HF_OK;
  if (rows == NULL)
    return cli_fail (1, "out of memory");
  for (size_t k = 0; k < a->nrules && st == HF_OK; k++)
    {
      HfTrainOptions opts;
      hf_train_options_init (&opts, a->rules[k]);
      st = hf_experiment_capacity_mt (&opts, a->n, a->ms, nm, a->trials, a->seed,
                                      a->threads, rows + k * nm, cli_experiment_progress,
                                      NULL, &err);
    }
  cli_experiment_progress_end ();
  if (st != HF_OK)
    {
      free (rows);
      return cli_fail (1, "%s", err.message);
    }
  const char *sep = a->csv ? "," : "  ";
  if (a->csv)
    printf (timing
                ? "m,seconds,seconds_sd,fraction_stored,rule\n"
                : "m,fraction_stored,all_stored,seconds,iterations,fraction_sd,rule\n");
  for (size_t k = 0; k < a->nrules; k++)
    {
      const char *name = hf_rule_info (a->rules[k])->name;
      if (!a->csv)
        printf (timing ? "# %s, n = %lu, %lu trials\n%4s  %10s  %10s  %8s\n"
                       : "# %s, n = %lu, %lu trials\n%4s  %8s  %8s  %10s  %10s\n",
                name, a->n, a->trials, "m", timing ? "seconds" : "stored",
                timing ? "sd" : "all", timing ? "stored" : "seconds", "iterations");
      for (size_t r = 0; r < nm; r++)
        {
          const HfCapacityRow *row = &rows[k * nm + r];
          if (timing && a->csv)
            printf ("%zu,%.6f,%.6f,%.4f,%s\n", row->m, row->seconds, row->seconds_sd,
                    row->fraction_stored, name);
          else if (timing)
            printf ("%4zu  %10.6f  %10.6f  %8.4f\n", row->m, row->seconds,
                    row->seconds_sd, row->fraction_stored);
          else if (a->csv)
            printf ("%zu,%.4f,%.4f,%.6f,%.1f,%.4f,%s\n", row->m, row->fraction_stored,
                    row->all_stored, row->seconds, row->iterations, row->fraction_sd,
                    name);
          else
            printf ("%4zu%s%8.4f%s%8.4f%s%10.6f%s%10.1f\n", row->m, sep,
                    row->fraction_stored, sep, row->all_stored, sep, row->seconds, sep,
                    row->iterations);
        }
    }
  int rc = a->plot ? plot_capacity (a, rows, timing) : 0;
  free (rows);
  return rc;
}

static int
run_denoise (CliExperiment *a)
{
  size_t nk = a->nk, nm = a->nm;
  HfDenoiseRow *rows = calloc (a->nrules * nm * nk, sizeof *rows);
  if (rows == NULL)
    return cli_fail (1, "out of memory");
  HfError err = { 0 };
  HfStatus st = HF_OK;
  for (size_t k = 0; k < a->nrules && st == HF_OK; k++)
    {
      HfTrainOptions opts;
      hf_train_options_init (&opts, a->rules[k]);
      st = hf_experiment_denoise_grid_mt (
          &opts, a->n, a->ms, nm, a->ks, nk, a->trials, a->probes, a->seed, a->threads,
          rows + k * nm * nk, cli_experiment_progress, NULL, &err);
    }
  cli_experiment_progress_end ();
  if (st != HF_OK)
    {
      free (rows);
      return cli_fail (1, "%s", err.message);
    }
  if (a->csv)
    printf ("m,flips,recovered,rule\n");
  for (size_t k = 0; k < a->nrules; k++)
    for (size_t r = 0; r < nm; r++)
      {
        const char *name = hf_rule_info (a->rules[k])->name;
        if (!a->csv)
          printf ("# %s, n = %lu, m = %zu, %lu trials\n%6s  %9s\n", name, a->n, a->ms[r],
                  a->trials, "flips", "recovered");
        for (size_t f = 0; f < nk; f++)
          {
            const HfDenoiseRow *row = &rows[(k * nm + r) * nk + f];
            if (a->csv)
              printf ("%zu,%zu,%.4f,%s\n", a->ms[r], row->flips, row->recovered, name);
            else
              printf ("%6zu  %9.4f\n", row->flips, row->recovered);
          }
      }
  int rc = a->plot ? plot_denoise (a, rows) : 0;
  free (rows);
  return rc;
}

static int
run_noisy (CliExperiment *a)
{
  size_t nm = a->nm;
  HfNoisyRow *rows = calloc (a->nrules * nm, sizeof *rows);
  if (rows == NULL)
    return cli_fail (1, "out of memory");
  HfError err = { 0 };
  HfStatus st = HF_OK;
  for (size_t k = 0; k < a->nrules && st == HF_OK; k++)
    {
      HfTrainOptions opts;
      hf_train_options_init (&opts, a->rules[k]);
      st = hf_experiment_noisy_mt (&opts, a->n, a->ms, nm, a->ks[0], a->exact, a->copies,
                                   a->trials, a->seed, a->threads, rows + k * nm,
                                   cli_experiment_progress, NULL, &err);
    }
  cli_experiment_progress_end ();
  if (st != HF_OK)
    {
      free (rows);
      return cli_fail (1, "%s", err.message);
    }
  if (a->csv)
    printf ("m,patterns_stored,bits_recalled,rule\n");
  for (size_t k = 0; k < a->nrules; k++)
    {
      const char *name = hf_rule_info (a->rules[k])->name;
      if (!a->csv)
        printf ("# %s, n = %lu, %zu bits flipped%s, %lu copies, %lu trials\n%4s  %9s  "
                "%9s\n",
                name, a->n, a->ks[0], a->exact ? " exactly" : " on average", a->copies,
                a->trials, "m", "patterns", "bits");
      for (size_t r = 0; r < nm; r++)
        {
          const HfNoisyRow *row = &rows[k * nm + r];
          if (a->csv)
            printf ("%zu,%.4f,%.4f,%s\n", row->m, row->patterns_stored,
                    row->bits_recalled, name);
          else
            printf ("%4zu  %9.4f  %9.4f\n", row->m, row->patterns_stored,
                    row->bits_recalled);
        }
    }
  int rc = a->plot ? plot_noisy (a, rows) : 0;
  free (rows);
  return rc;
}

/* The paper's parameters, or small ones with --quick. */
static void
defaults (CliExperiment *a, bool n_set, bool t_set, bool p_set, bool c_set)
{
  const char *k = a->kind;
  bool q = a->quick;
  const char *rules = "mpf", *ms = NULL, *ks = NULL;
  unsigned long n = 64, trials = 20;
  if (strcmp (k, "capacity") == 0 || strcmp (k, "timing") == 0)
    {
      rules = "opr01,perceptron,mpf";
      ms = q ? "4:64:4" : "4:120:4";
      n = q ? 32 : 64;
      trials = q ? 3 : 20;
    }
  else if (strcmp (k, "denoise") == 0)
    {
      rules = "perceptron,mpf";
      n = q ? 64 : 128;
      ms = q ? "8,16" : "16,32,48,64";
      ks = q ? "0:32:4" : "0:64:4";
      trials = q ? 2 : 5;
    }
  else if (strcmp (k, "noisy") == 0)
    {
      rules = "perceptron,mpf";
      ms = q ? "1:6:1" : "1:16:1";
      ks = "20";
      trials = q ? 2 : 13;
    }
  else if (strcmp (k, "images") == 0)
    rules = "mpf,hebbian,perceptron";
  else if (strcmp (k, "scaling") == 0)
    {
      ms = q ? "32,64,128,256" : "32,64,128,256,512,1024";
      trials = q ? 2 : 10;
    }
  else if (strcmp (k, "margin") == 0)
    {
      n = q ? 64 : 128;
      ms = q ? "16" : "32";
      ks = q ? "0:32:4" : "0:64:4";
      trials = q ? 2 : 4;
    }
  if (a->nrules == 0)
    parse_rules (rules, a);
  if (!n_set)
    a->n = n;
  if (!t_set)
    a->trials = trials;
  if (!p_set)
    a->probes = q ? 2 : 4;
  if (!c_set)
    a->copies = strcmp (k, "images") == 0 ? 1 : q ? 50 : 200;
  if (a->ms == NULL && ms != NULL)
    cli_parse_list (ms, &a->ms, &a->nm);
  if (a->ks == NULL && ks != NULL)
    cli_parse_list (ks, &a->ks, &a->nk);
  if (a->margins == NULL && strcmp (k, "margin") == 0)
    parse_doubles (q ? "0.5,1,4" : "0.1,0.5,1,2,4,0", &a->margins, &a->nmargins);
  if (strcmp (k, "images") == 0)
    {
      /* Fig. 1: the engine's presets, shared with the studio's Lab. */
      const HfImagesPreset *pre = hf_images_preset (q);
      if (!n_set) /* 0: other originals are taken whole */
        a->n = a->patterns ? 0 : pre->side * pre->side;
      if (!c_set)
        a->copies = pre->copies;
      if (a->images == 0)
        a->images = pre->images;
      if (a->steps == 0)
        a->steps = pre->steps;
      if (a->rate == 0.0)
        a->rate = pre->learning_rate;
    }
}

int
cli_experiment (int argc, char **argv)
{
  enum
  {
    O_CSV = 256,
    O_EXACT,
    O_THREADS,
    O_QUICK,
    O_PLOT,
    O_MARGINS,
    O_IMAGES,
    O_STEPS,
    O_RATE,
    O_ORIGINALS,
  };
  static const struct option longopts[] = {
    { "rule", required_argument, 0, 'R' },
    { "neurons", required_argument, 0, 'n' },
    { "patterns", required_argument, 0, 'm' },
    { "flips", required_argument, 0, 'k' },
    { "copies", required_argument, 0, 'c' },
    { "probes", required_argument, 0, 'p' },
    { "trials", required_argument, 0, 't' },
    { "seed", required_argument, 0, 'S' },
    { "csv", no_argument, 0, O_CSV },
    { "exact", no_argument, 0, O_EXACT },
    { "threads", required_argument, 0, O_THREADS },
    { "quick", no_argument, 0, O_QUICK },
    { "plot", required_argument, 0, O_PLOT },
    { "margins", required_argument, 0, O_MARGINS },
    { "images", required_argument, 0, O_IMAGES },
    { "steps", required_argument, 0, O_STEPS },
    { "rate", required_argument, 0, O_RATE },
    { "originals", required_argument, 0, O_ORIGINALS },
    { "help", no_argument, 0, 'h' },
    { 0, 0, 0, 0 },
  };
  if (argc >= 2 && strcmp (argv[1], "show") == 0)
    return cli_experiment_show (argc - 1, argv + 1);
  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      experiment_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? EXIT_USAGE : 0;
    }
  static const char *const kinds[]
      = { "capacity", "timing", "denoise", "noisy", "images", "scaling", "margin" };
  CliExperiment a = { .kind = argv[1], .seed = 1 };
  bool known = false, n_set = false, t_set = false, p_set = false, c_set = false;
  for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
    known |= strcmp (a.kind, kinds[k]) == 0;
  if (!known)
    return cli_fail (EXIT_USAGE,
                     "unknown experiment '%s' (capacity, timing, denoise, noisy, images, "
                     "scaling, margin)",
                     a.kind);
  int c, rc = 0;
  optind = 2;
  while (rc == 0
         && (c = getopt_long (argc, argv, "R:n:m:k:c:p:t:S:h", longopts, NULL)) != -1)
    switch (c)
      {
      case 'R':
        if (!parse_rules (optarg, &a))
          rc = cli_fail (EXIT_USAGE, "unknown rule in '%s' (at most %d, comma-separated)",
                         optarg, CLI_MAX_RULES);
        break;
      case 'n':
        if (!cli_parse_ulong (optarg, &a.n) || a.n < 2 || a.n > 4096)
          rc = cli_fail (EXIT_USAGE, "--neurons needs 2..4096");
        n_set = true;
        break;
      case 'm':
        free (a.ms);
        if (!cli_parse_list (optarg, &a.ms, &a.nm))
          rc = cli_fail (EXIT_USAGE, "--patterns needs A:B:STEP or A,B,C");
        break;
      case 'k':
        free (a.ks);
        if (!cli_parse_list (optarg, &a.ks, &a.nk))
          rc = cli_fail (EXIT_USAGE, "--flips needs A:B:STEP or A,B,C");
        break;
      case 'c':
        if (!cli_parse_ulong (optarg, &a.copies) || a.copies == 0 || a.copies > 10000)
          rc = cli_fail (EXIT_USAGE, "--copies needs 1..10000");
        c_set = true;
        break;
      case 'p':
        if (!cli_parse_ulong (optarg, &a.probes) || a.probes == 0 || a.probes > 10000)
          rc = cli_fail (EXIT_USAGE, "--probes needs 1..10000");
        p_set = true;
        break;
      case 't':
        if (!cli_parse_ulong (optarg, &a.trials) || a.trials == 0 || a.trials > 100000)
          rc = cli_fail (EXIT_USAGE, "--trials needs 1..100000");
        t_set = true;
        break;
      case 'S':
        if (!cli_parse_ulong (optarg, &a.seed))
          rc = cli_fail (EXIT_USAGE, "--seed needs a non-negative integer");
        break;
      case O_CSV:
        a.csv = true;
        break;
      case O_EXACT:
        a.exact = true;
        break;
      case O_THREADS:
        if (!cli_parse_ulong (optarg, &a.threads) || a.threads == 0 || a.threads > 1024)
          rc = cli_fail (EXIT_USAGE, "--threads needs 1..1024");
        break;
      case O_QUICK:
        a.quick = true;
        break;
      case O_PLOT:
        a.plot = optarg;
        {
          size_t len = strlen (optarg);
          if (len < 5
              || (strcmp (optarg + len - 4, ".svg") != 0
                  && strcmp (optarg + len - 4, ".png") != 0))
            rc = cli_fail (EXIT_USAGE, "--plot needs a file name ending in .svg or .png");
        }
        break;
      case O_MARGINS:
        if (!parse_doubles (optarg, &a.margins, &a.nmargins))
          rc = cli_fail (EXIT_USAGE, "--margins needs numbers separated by commas");
        break;
      case O_IMAGES:
        if (!cli_parse_ulong (optarg, &a.images) || a.images == 0 || a.images > 100000)
          rc = cli_fail (EXIT_USAGE, "--images needs 1..100000");
        break;
      case O_STEPS:
        if (!cli_parse_ulong (optarg, &a.steps) || a.steps == 0 || a.steps > 1000000)
          rc = cli_fail (EXIT_USAGE, "--steps needs 1..1000000");
        break;
      case O_RATE:
        if (!cli_parse_double (optarg, &a.rate) || !(a.rate > 0.0) || a.rate > 1000.0)
          rc = cli_fail (EXIT_USAGE, "--rate needs a number in (0, 1000]");
        break;
      case O_ORIGINALS:
        a.patterns = optarg;
        break;
      case 'h':
        experiment_usage (stdout);
        rc = -1;
        break;
      default:
        rc = EXIT_USAGE;
        break;
      }
  if (rc == 0 && optind < argc)
    rc = cli_fail (EXIT_USAGE, "unexpected argument '%s' (values are one word: A,B,C)",
                   argv[optind]);
  if (rc == 0)
    defaults (&a, n_set, t_set, p_set, c_set);
  bool is_scaling = strcmp (a.kind, "scaling") == 0;
  for (size_t k = 0; rc == 0 && k < a.nm; k++)
    if (a.ms[k] == 0 || (is_scaling && (a.ms[k] < 8 || a.ms[k] > 4096)))
      rc = cli_fail (EXIT_USAGE, is_scaling ? "scaling needs n values in 8..4096"
                                            : "m must be at least 1");
  for (size_t k = 0; rc == 0 && k < a.nk; k++)
    if (a.ks[k] > a.n)
      rc = cli_fail (EXIT_USAGE, "cannot flip %zu of %lu bits", a.ks[k], a.n);
  if (rc == 0)
    {
      const char *k = a.kind;
      if (strcmp (k, "capacity") == 0)
        rc = run_capacity (&a, false);
      else if (strcmp (k, "timing") == 0)
        rc = run_capacity (&a, true);
      else if (strcmp (k, "denoise") == 0)
        rc = run_denoise (&a);
      else if (strcmp (k, "noisy") == 0)
        rc = run_noisy (&a);
      else if (strcmp (k, "images") == 0)
        rc = cli_experiment_images (&a);
      else if (strcmp (k, "scaling") == 0)
        rc = cli_experiment_scaling (&a);
      else
        rc = cli_experiment_margin (&a);
    }
  free (a.ms);
  free (a.ks);
  free (a.margins);
  if (a.plot != NULL)
    hp_release_static_data ();
  return rc < 0 ? 0 : rc;
}
