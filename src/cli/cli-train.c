#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "hf-netfile.h"

static void
train_usage (FILE *out)
{
  fprintf (
      out,
      "Usage: hopfield train [OPTIONS] -o NETWORK\n"
      "Train a network on patterns and save it.\n\n"
      "Patterns (at least one source):\n"
      "  -p, --patterns SPEC     text grid file, image (PNG/PBM), or sample:NAME;\n"
      "                          repeat to add more (all must have one shape)\n"
      "  -r, --random M          add M random patterns (needs --size or --patterns)\n"
      "  -s, --size WxH          grid size (images are resized to it)\n"
      "      --threshold T|otsu  image threshold in [0,1] (default 0.5)\n\n"
      "Rule:\n"
      "  -R, --rule NAME         hebbian (default), opr01, storkey, pinv, perceptron,\n"
      "                          mpf, mpf-online\n"
      "      --learning-rate X   perceptron step; mpf-online rate (step X/n, bounded)\n"
      "      --max-iter N        epochs (perceptron, mpf-online) or iterations (mpf)\n"
      "      --margin X          mpf: stop once every s_i h_i >= X (0: no early stop)\n"
      "      --tolerance X       mpf: gradient tolerance\n"
      "      --no-thresholds     keep thresholds at zero\n"
      "      --norm n|m          Hebbian normalisation 1/n (default) or 1/m\n"
      "      --minimizer NAME    mpf: lbfgs (default) or gsl-bfgs2\n"
      "      --seed N            random patterns and online order (default 1)\n\n"
      "  -o, --output FILE       network file to write (atomically)\n"
      "  -q, --quiet             no progress lines\n"
      "  -h, --help\n");
}

static bool
progress_line (const HfTrainProgress *p, void *user)
{
  if (!*(bool *)user)
    fprintf (stderr, "  %s\n", p->message);
  return true;
}

int
cli_train (int argc, char **argv)
{
  enum
  {
    O_THRESHOLD = 256,
    O_LR,
    O_MAXIT,
    O_MARGIN,
    O_TOL,
    O_NOTH,
    O_NORM,
    O_MIN,
    O_SEED
  };
  static const struct option longopts[] = {
    { "patterns", required_argument, 0, 'p' },
    { "random", required_argument, 0, 'r' },
    { "size", required_argument, 0, 's' },
    { "threshold", required_argument, 0, O_THRESHOLD },
    { "rule", required_argument, 0, 'R' },
    { "learning-rate", required_argument, 0, O_LR },
    { "max-iter", required_argument, 0, O_MAXIT },
    { "margin", required_argument, 0, O_MARGIN },
    { "tolerance", required_argument, 0, O_TOL },
    { "no-thresholds", no_argument, 0, O_NOTH },
    { "norm", required_argument, 0, O_NORM },
    { "minimizer", required_argument, 0, O_MIN },
    { "seed", required_argument, 0, O_SEED },
    { "output", required_argument, 0, 'o' },
    { "quiet", no_argument, 0, 'q' },
    { "help", no_argument, 0, 'h' },
    { 0, 0, 0, 0 },
  };
  const char *specs[64];
  size_t nspecs = 0, width = 0, height = 0;
  unsigned long random_m = 0, seed = 1, ul;
  const char *output = NULL;
  bool quiet = false;
  HfThresholdMode tmode = HF_THRESHOLD_FIXED;
  double threshold = 0.5;
  HfRule rule = HF_RULE_HEBBIAN;
  /* Rule options are applied after the rule is known. */
  double lr = -1, margin = -1, tol = -1;
  long maxit = -1;
  int noth = 0, norm = -1, minimizer = -1;
  int c;
  optind = 1;
  while ((c = getopt_long (argc, argv, "p:r:s:R:o:qh", longopts, NULL)) != -1)
    switch (c)
      {
      case 'p':
        if (nspecs == 64)
          return cli_fail (EXIT_USAGE, "at most 64 --patterns sources");
        specs[nspecs++] = optarg;
        break;
      case 'r':
        if (!cli_parse_ulong (optarg, &random_m) || random_m == 0
            || random_m > HF_MAX_PATTERNS)
          return cli_fail (EXIT_USAGE, "--random needs a count from 1 to %zu",
                           HF_MAX_PATTERNS);
        break;
      case 's':
        if (!cli_parse_size (optarg, &width, &height) || width * height > HF_MAX_NEURONS)
          return cli_fail (EXIT_USAGE,
                           "--size needs WxH with at most %zu neurons (got '%s')",
                           HF_MAX_NEURONS, optarg);
        break;
      case O_THRESHOLD:
        if (strcmp (optarg, "otsu") == 0)
          tmode = HF_THRESHOLD_OTSU;
        else if (!cli_parse_double (optarg, &threshold) || threshold < 0 || threshold > 1)
          return cli_fail (EXIT_USAGE, "--threshold needs a number in [0, 1] or 'otsu'");
        break;
      case 'R':
        if (!hf_rule_from_name (optarg, &rule))
          return cli_fail (EXIT_USAGE, "unknown rule '%s' (see hopfield train --help)",
                           optarg);
        break;
      case O_LR:
        if (!cli_parse_double (optarg, &lr) || lr <= 0)
          return cli_fail (EXIT_USAGE, "--learning-rate needs a number > 0");
        break;
      case O_MAXIT:
        if (!cli_parse_ulong (optarg, &ul) || ul == 0 || ul > 100000000)
          return cli_fail (EXIT_USAGE, "--max-iter needs a count from 1 to 1e8");
        maxit = (long)ul;
        break;
      case O_MARGIN:
        if (!cli_parse_double (optarg, &margin) || margin < 0)
          return cli_fail (EXIT_USAGE, "--margin needs a number >= 0");
        break;
      case O_TOL:
        if (!cli_parse_double (optarg, &tol) || tol < 0)
          return cli_fail (EXIT_USAGE, "--tolerance needs a number >= 0");
        break;
      case O_NOTH:
        noth = 1;
        break;
      case O_NORM:
        if (strcmp (optarg, "n") != 0 && strcmp (optarg, "m") != 0)
          return cli_fail (EXIT_USAGE, "--norm is n or m");
        norm = optarg[0] == 'm';
        break;
      case O_MIN:
        if (strcmp (optarg, "lbfgs") == 0)
          minimizer = HF_MINIMIZER_LBFGS;
        else if (strcmp (optarg, "gsl-bfgs2") == 0)
          minimizer = HF_MINIMIZER_GSL_BFGS2;
        else
          return cli_fail (EXIT_USAGE, "--minimizer is lbfgs or gsl-bfgs2");
        break;
      case O_SEED:
        if (!cli_parse_ulong (optarg, &seed))
          return cli_fail (EXIT_USAGE, "--seed needs a non-negative integer");
        break;
      case 'o':
        output = optarg;
        break;
      case 'q':
        quiet = true;
        break;
      case 'h':
        train_usage (stdout);
        return 0;
      default:
        train_usage (stderr);
        return EXIT_USAGE;
      }
  if (optind < argc)
    return cli_fail (EXIT_USAGE, "unexpected argument '%s'", argv[optind]);
  if (nspecs == 0 && random_m == 0)
    return cli_fail (EXIT_USAGE, "no patterns: give --patterns or --random (see --help)");
  if (output == NULL)
    return cli_fail (EXIT_USAGE, "no output file: give -o NETWORK");
  if (random_m > 0 && nspecs == 0 && width == 0)
    return cli_fail (EXIT_USAGE, "--random needs --size WxH");

  HfError err = { 0 };
  HfPatterns *D = NULL;
  for (size_t k = 0; k < nspecs; k++)
    {
      HfPatterns *more
          = cli_load_patterns (specs[k], width, height, tmode, threshold, &err);
      if (more == NULL)
        {
          hf_patterns_free (D);
          return cli_fail (1, "%s", err.message);
        }
      if (D == NULL)
        {
          D = more;
          width = D->width;
          height = D->height;
          continue;
        }
      if (more->width != D->width || more->height != D->height)
        {
          cli_fail (1,
                    "%s: patterns are %zux%zu but earlier ones are %zux%zu (use --size)",
                    specs[k], more->width, more->height, D->width, D->height);
          hf_patterns_free (more);
          hf_patterns_free (D);
          return 1;
        }
      for (size_t p = 0; p < more->m; p++)
        hf_patterns_append (D, hf_patterns_get (more, p), NULL);
      hf_patterns_free (more);
    }
  if (D == NULL && (D = hf_patterns_new (width, height, &err)) == NULL)
    return cli_fail (1, "%s", err.message);
  gsl_rng *rng = cli_rng (seed);
  if (random_m > 0 && hf_patterns_add_random (D, random_m, 0.5, rng, &err) != HF_OK)
    {
      gsl_rng_free (rng);
      hf_patterns_free (D);
      return cli_fail (1, "%s", err.message);
    }
  gsl_rng_free (rng);

  HfTrainOptions opts;
  hf_train_options_init (&opts, rule);
  opts.seed = seed;
  if (lr > 0)
    opts.learning_rate = lr;
  if (maxit > 0)
    opts.max_iterations = (size_t)maxit;
  if (margin >= 0)
    opts.margin = margin;
  if (tol >= 0)
    opts.tolerance = tol;
  if (noth)
    opts.learn_thresholds = false;
  if (norm >= 0)
    opts.norm = norm ? HF_NORM_BY_M : HF_NORM_BY_N;
  if (minimizer >= 0)
    opts.minimizer = (HfMinimizer)minimizer;

  HfNetwork *net = hf_network_new (D->width, D->height, &err);
  if (net == NULL)
    {
      hf_patterns_free (D);
      return cli_fail (1, "%s", err.message);
    }
  if (!quiet)
    fprintf (stderr, "training %s on %zu patterns of %zux%zu = %zu neurons\n",
             hf_rule_info (rule)->name, D->m, D->width, D->height, D->n);
  HfStatus st = hf_train (net, D, &opts, progress_line, &quiet, &err);
  int code = 0;
  if (st != HF_OK)
    code = cli_fail (1, "training failed: %s", err.message);
  else
    {
      printf ("%s: %zu of %zu patterns are fixed points (%zu iterations, %.3f s)\n",
              net->summary.rule, net->summary.stored, D->m, net->summary.iterations,
              net->summary.seconds);
      if (hf_netfile_save (output, net, &err) != HF_OK)
        code = cli_fail (1, "%s", err.message);
    }
  hf_network_free (net);
  hf_patterns_free (D);
  return code;
}
