#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "hf-fileio.h"
#include "hf-netfile.h"
#include "hf-session.h"
#include "hf-text.h"

typedef struct
{
  unsigned long flip;
  double fraction;
  bool has_flip, has_fraction, has_occlude;
  size_t ox, oy, ow, oh;
  unsigned long seed;
} Corruption;

static bool
parse_occlude (const char *s, Corruption *c)
{
  unsigned long v[4];
  char buf[96];
  if (strlen (s) >= sizeof buf)
    return false;
  strcpy (buf, s);
  char *save = NULL, *tok = strtok_r (buf, ",", &save);
  for (int k = 0; k < 4; k++, tok = strtok_r (NULL, ",", &save))
    if (tok == NULL || !cli_parse_ulong (tok, &v[k]))
      return false;
  c->ox = v[0];
  c->oy = v[1];
  c->ow = v[2];
  c->oh = v[3];
  c->has_occlude = true;
  return true;
}

static HfStatus
corrupt_state (int8_t *s, size_t w, size_t h, const Corruption *c, gsl_rng *rng,
               HfError *err)
{
  HfStatus st = HF_OK;
  if (c->has_flip)
    st = hf_state_flip_k (s, w * h, c->flip, rng, err);
  if (st == HF_OK && c->has_fraction)
    st = hf_state_flip_fraction (s, w * h, c->fraction, rng, err);
  if (st == HF_OK && c->has_occlude)
    st = hf_state_occlude (s, w, h, c->ox, c->oy, c->ow, c->oh, -1, err);
  return st;
}

static int
parse_corruption (int c, const char *arg, Corruption *cor)
{
  switch (c)
    {
    case 'f':
      if (!cli_parse_ulong (arg, &cor->flip))
        return cli_fail (EXIT_USAGE, "--flip needs a bit count");
      cor->has_flip = true;
      return 0;
    case 'F':
      if (!cli_parse_double (arg, &cor->fraction) || cor->fraction < 0
          || cor->fraction > 1)
        return cli_fail (EXIT_USAGE, "--fraction needs a number in [0, 1]");
      cor->has_fraction = true;
      return 0;
    case 'O':
      if (!parse_occlude (arg, cor))
        return cli_fail (EXIT_USAGE, "--occlude needs X,Y,W,H");
      return 0;
    }
  return -1;
}

int
cli_corrupt (int argc, char **argv)
{
  static const struct option longopts[] = {
    { "patterns", required_argument, 0, 'p' },
    { "index", required_argument, 0, 'k' },
    { "flip", required_argument, 0, 'f' },
    { "fraction", required_argument, 0, 'F' },
    { "occlude", required_argument, 0, 'O' },
    { "seed", required_argument, 0, 'S' },
    { "output", required_argument, 0, 'o' },
    { "help", no_argument, 0, 'h' },
    { 0, 0, 0, 0 },
  };
  const char *spec = NULL, *output = NULL;
  unsigned long index = (unsigned long)-1;
  Corruption cor = { .seed = 1 };
  int c;
  optind = 1;
  while ((c = getopt_long (argc, argv, "p:k:f:F:O:S:o:h", longopts, NULL)) != -1)
    {
      int r = parse_corruption (c, optarg, &cor);
      if (r > 0)
        return r;
      if (r == 0)
        continue;
      switch (c)
        {
        case 'p':
          spec = optarg;
          break;
        case 'k':
          if (!cli_parse_ulong (optarg, &index))
            return cli_fail (EXIT_USAGE, "--index needs a pattern number");
          break;
        case 'S':
          if (!cli_parse_ulong (optarg, &cor.seed))
            return cli_fail (EXIT_USAGE, "--seed needs a non-negative integer");
          break;
        case 'o':
          output = optarg;
          break;
        case 'h':
          printf ("Usage: hopfield corrupt -p PATTERNS [--index K] (--flip K | "
                  "--fraction F | "
                  "--occlude X,Y,W,H) [--seed S] [-o FILE]\n"
                  "Corrupts every pattern (or pattern K) and prints or saves the result "
                  "as a\n"
                  "text grid. --flip flips exactly K distinct bits; --fraction flips\n"
                  "round(F n) bits; --occlude turns a rectangle off.\n");
          return 0;
        default:
          return EXIT_USAGE;
        }
    }
  if (spec == NULL)
    return cli_fail (EXIT_USAGE, "give the patterns with -p");
  if (!cor.has_flip && !cor.has_fraction && !cor.has_occlude)
    return cli_fail (EXIT_USAGE, "give a corruption: --flip, --fraction or --occlude");
  HfError err = { 0 };
  HfPatterns *D = cli_load_patterns (spec, 0, 0, HF_THRESHOLD_FIXED, 0.5, &err);
  if (D == NULL)
    return cli_fail (1, "%s", err.message);
  if (index != (unsigned long)-1 && index >= D->m)
    {
      hf_patterns_free (D);
      return cli_fail (EXIT_USAGE, "--index %lu but there are %zu patterns", index, D->m);
    }
  gsl_rng *rng = cli_rng (cor.seed);
  HfPatterns *out = hf_patterns_new (D->width, D->height, &err);
  int code = 0;
  for (size_t p = 0; p < D->m && code == 0; p++)
    {
      if (index != (unsigned long)-1 && p != index)
        continue;
      int8_t *row = hf_patterns_row (D, p);
      if (corrupt_state (row, D->width, D->height, &cor, rng, &err) != HF_OK
          || hf_patterns_append (out, row, &err) != HF_OK)
        code = cli_fail (1, "%s", err.message);
    }
  if (code == 0)
    {
      if (output != NULL)
        {
          if (hf_text_save (output, out, &err) != HF_OK)
            code = cli_fail (1, "%s", err.message);
        }
      else
        {
          char *text = hf_text_format (out);
          fputs (text ? text : "", stdout);
          free (text);
        }
    }
  gsl_rng_free (rng);
  hf_patterns_free (out);
  hf_patterns_free (D);
  return code;
}

static void
recall_usage (FILE *out)
{
  fprintf (
      out,
      "Usage: hopfield recall NETWORK|SESSION [OPTIONS]\n"
      "Runs recall from a probe and names the outcome. A session (.hfsession)\n"
      "brings its network, patterns, probe and recall settings; options given\n"
      "take their place.\n\n"
      "  -p, --patterns SPEC   stored patterns (text, image or sample:NAME), used to\n"
      "                        name the outcome and, with --index, as the probe\n"
      "  -k, --index K         start from pattern K of --patterns (then corrupt it)\n"
      "  -P, --probe SPEC      start from this pattern instead\n"
      "  -f, --flip K          flip exactly K random bits of the probe\n"
      "  -F, --fraction F      flip round(F n) random bits\n"
      "  -O, --occlude X,Y,W,H turn a rectangle of the probe off\n"
      "  -m, --mode MODE       sequential (default), random, sync, stochastic\n"
      "  -T, --temperature T   for stochastic mode (default 0)\n"
      "      --tie off|on|keep what a zero field does (default off: H(0) = 0)\n"
      "  -S, --seed N          corruption and update order (default 1)\n"
      "  -n, --max-sweeps N    give up after N sweeps (default 100)\n"
      "  -t, --trace           print the state after every sweep\n"
      "  -o, --output FILE     save the final state as a text grid\n");
}

int
cli_recall (int argc, char **argv)
{
  enum
  {
    O_TIE = 256
  };
  static const struct option longopts[] = {
    { "patterns", required_argument, 0, 'p' },
    { "index", required_argument, 0, 'k' },
    { "probe", required_argument, 0, 'P' },
    { "flip", required_argument, 0, 'f' },
    { "fraction", required_argument, 0, 'F' },
    { "occlude", required_argument, 0, 'O' },
    { "mode", required_argument, 0, 'm' },
    { "temperature", required_argument, 0, 'T' },
    { "tie", required_argument, 0, O_TIE },
    { "seed", required_argument, 0, 'S' },
    { "max-sweeps", required_argument, 0, 'n' },
    { "trace", no_argument, 0, 't' },
    { "output", required_argument, 0, 'o' },
    { "help", no_argument, 0, 'h' },
    { 0, 0, 0, 0 },
  };
  const char *spec = NULL, *probe_spec = NULL, *output = NULL;
  unsigned long index = (unsigned long)-1, max_sweeps = 100;
  Corruption cor = { .seed = 1 };
  HfUpdateMode mode = HF_UPDATE_SEQUENTIAL;
  HfTieRule tie = HF_TIE_OFF;
  double T = 0.0;
  bool trace = false;
  bool mode_given = false, tie_given = false, temperature_given = false,
       seed_given = false;
  int c;
  optind = 1;
  while ((c = getopt_long (argc, argv, "p:k:P:f:F:O:m:T:S:n:to:h", longopts, NULL)) != -1)
    {
      int r = parse_corruption (c, optarg, &cor);
      if (r > 0)
        return r;
      if (r == 0)
        continue;
      switch (c)
        {
        case 'p':
          spec = optarg;
          break;
        case 'k':
          if (!cli_parse_ulong (optarg, &index))
            return cli_fail (EXIT_USAGE, "--index needs a pattern number");
          break;
        case 'P':
          probe_spec = optarg;
          break;
        case 'm':
          mode_given = true;
          if (!hf_update_mode_from_name (optarg, &mode))
            return cli_fail (EXIT_USAGE,
                             "unknown mode '%s' (sequential, random, sync, stochastic)",
                             optarg);
          break;
        case 'T':
          temperature_given = true;
          if (!cli_parse_double (optarg, &T) || T < 0 || T > 1e12)
            return cli_fail (EXIT_USAGE, "--temperature needs a number >= 0");
          break;
        case O_TIE:
          tie_given = true;
          if (!cli_parse_tie (optarg, &tie))
            return cli_fail (EXIT_USAGE, "--tie is off, on or keep");
          break;
        case 'S':
          seed_given = true;
          if (!cli_parse_ulong (optarg, &cor.seed))
            return cli_fail (EXIT_USAGE, "--seed needs a non-negative integer");
          break;
        case 'n':
          if (!cli_parse_ulong (optarg, &max_sweeps) || max_sweeps == 0)
            return cli_fail (EXIT_USAGE, "--max-sweeps needs a count >= 1");
          break;
        case 't':
          trace = true;
          break;
        case 'o':
          output = optarg;
          break;
        case 'h':
          recall_usage (stdout);
          return 0;
        default:
          recall_usage (stderr);
          return EXIT_USAGE;
        }
    }
  if (optind != argc - 1)
    return cli_fail (EXIT_USAGE, "give exactly one network file (see --help)");

  HfError err = { 0 };
  HfNetwork *net = NULL;
  HfSession *ss = NULL;
  unsigned char *head = NULL;
  size_t head_len = 0;
  if (hf_file_read (argv[optind], (size_t)1 << 31, &head, &head_len, &err) != HF_OK)
    return cli_fail (1, "%s", err.message);
  if (hf_session_sniff (head, head_len))
    {
      /* a session: its network, patterns, probe and recall settings, each
       * unless an option says otherwise */
      ss = hf_session_decode (head, head_len, argv[optind], &err);
      free (head);
      if (ss == NULL)
        return cli_fail (1, "%s", err.message);
      if (ss->net == NULL)
        {
          hf_session_free (ss);
          return cli_fail (1, "%s: the session has no trained network", argv[optind]);
        }
      net = ss->net;
      ss->net = NULL;
      if (!mode_given)
        mode = (HfUpdateMode)ss->settings.mode;
      if (!tie_given)
        tie = (HfTieRule)ss->settings.tie;
      if (!temperature_given)
        T = ss->settings.temperature;
      if (!seed_given)
        cor.seed = ss->settings.seed;
    }
  else
    {
      net = hf_netfile_decode (head, head_len, argv[optind], &err);
      free (head);
      if (net == NULL)
        return cli_fail (1, "%s", err.message);
    }
  if (ss == NULL && probe_spec == NULL && (spec == NULL || index == (unsigned long)-1))
    {
      hf_network_free (net);
      return cli_fail (EXIT_USAGE,
                       "give a probe: --probe FILE, or --patterns FILE --index K");
    }
  HfPatterns *D = NULL, *P = NULL;
  uint8_t *clamp = NULL; /* the session's clamped cells, with its own probe */
  int code = 0;
  if (ss != NULL && spec == NULL)
    {
      D = ss->library;
      ss->library = NULL;
    }
  if (ss != NULL && probe_spec == NULL && index == (unsigned long)-1)
    {
      /* the session's own probe and clamps, as the studio shows them */
      clamp = ss->clamp;
      ss->clamp = NULL;
      if ((P = hf_patterns_new (net->width, net->height, &err)) == NULL
          || hf_patterns_append (P, ss->probe, &err) != HF_OK)
        code = cli_fail (1, "%s", err.message);
    }
  hf_session_free (ss);
  if (spec != NULL
      && (D = cli_load_patterns (spec, net->width, net->height, HF_THRESHOLD_FIXED, 0.5,
                                 &err))
             == NULL)
    code = cli_fail (1, "%s", err.message);
  if (code == 0 && P == NULL && probe_spec != NULL
      && (P = cli_load_patterns (probe_spec, net->width, net->height, HF_THRESHOLD_FIXED,
                                 0.5, &err))
             == NULL)
    code = cli_fail (1, "%s", err.message);
  const HfPatterns *src = P != NULL ? P : D;
  size_t k = P != NULL ? 0 : index;
  if (code == 0 && (src->n != net->n || (D != NULL && D->n != net->n)))
    code = cli_fail (1, "the patterns have %zu neurons but the network has %zu", src->n,
                     net->n);
  if (code == 0 && k >= src->m)
    code = cli_fail (EXIT_USAGE, "--index %zu but there are %zu patterns", k, src->m);
  if (code != 0)
    {
      free (clamp);
      hf_patterns_free (D);
      hf_patterns_free (P);
      hf_network_free (net);
      return code;
    }
  int8_t *probe = malloc (net->n);
  memcpy (probe, hf_patterns_get (src, k), net->n);
  gsl_rng *rng = cli_rng (cor.seed);
  HfRecall *r = NULL;
  if (corrupt_state (probe, net->width, net->height, &cor, rng, &err) != HF_OK
      || (r = hf_recall_new (net, &err)) == NULL
      || hf_recall_set_temperature (r, T, &err) != HF_OK
      || (clamp != NULL && hf_recall_set_clamp (r, clamp, &err) != HF_OK))
    code = cli_fail (1, "%s", err.message);
  free (clamp);
  if (code == 0)
    {
      hf_recall_set_mode (r, mode);
      hf_recall_set_tie (r, tie);
      hf_recall_set_seed (r, cor.seed);
      hf_recall_set_state (r, probe, NULL);
      double e0 = hf_recall_energy (r);
      if (net->n <= 4096)
        {
          printf ("probe (energy %.4f):\n", e0);
          cli_print_state (probe, net->width, net->height);
        }
      bool stochastic = mode == HF_UPDATE_STOCHASTIC && T > 0;
      for (unsigned long s = 0; s < max_sweeps; s++)
        {
          if (!stochastic && (hf_recall_converged (r) || hf_recall_in_cycle (r)))
            break;
          size_t flips;
          hf_recall_sweep (r, &flips);
          if (trace)
            {
              printf ("\nsweep %zu: %zu flips, energy %.4f\n", hf_recall_sweeps (r),
                      flips, hf_recall_energy (r));
              cli_print_state (hf_recall_state (r), net->width, net->height);
            }
        }
      HfOutcome o = hf_recall_classify (r, D);
      char what[128];
      cli_describe_outcome (&o, what, sizeof what);
      if (!trace && net->n <= 4096)
        {
          printf ("\nfinal state:\n");
          cli_print_state (hf_recall_state (r), net->width, net->height);
        }
      printf ("\noutcome: %s\n", what);
      printf ("sweeps: %zu, steps: %zu, flips: %zu, energy: %.4f -> %.4f\n",
              hf_recall_sweeps (r), hf_recall_steps (r), hf_recall_flips (r), e0,
              hf_recall_energy (r));
      if (output != NULL)
        {
          HfPatterns *one = hf_patterns_new (net->width, net->height, &err);
          if (one == NULL || hf_patterns_append (one, hf_recall_state (r), &err) != HF_OK
              || hf_text_save (output, one, &err) != HF_OK)
            code = cli_fail (1, "%s", err.message);
          hf_patterns_free (one);
        }
    }
  hf_recall_free (r);
  gsl_rng_free (rng);
  free (probe);
  hf_patterns_free (D);
  hf_patterns_free (P);
  hf_network_free (net);
  return code;
}
