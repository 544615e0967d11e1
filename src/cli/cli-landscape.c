/* hopfield landscape / basins / bench landscape: the energy landscape of a
 * network on the command line (definitions in docs/landscape.md). */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "hf-landscape.h"
#include "hf-netfile.h"
#include "hp-basins.h"
#include "hp-chart.h"
#include "hp-landscape.h"
#include "hp-plane.h"

#define SUMMARY_ROWS 20
/* Leaves in the plotted barrier tree, as in the studio's Landscape view. */
#define PLOT_LEAVES 40

static double
now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* One line redrawn in place, only on a terminal. */
static void
progress (const char *what, double fraction)
{
  if (isatty (STDERR_FILENO))
    fprintf (stderr, "\r%s: %3.0f%%", what, 100.0 * fraction);
}

static void
progress_done (void)
{
  if (isatty (STDERR_FILENO))
    fprintf (stderr, "\r\033[K");
}

static bool
parse_pair (const char *s, size_t *a, size_t *b)
{
  size_t *list, count;
  if (!cli_parse_list (s, &list, &count))
    return false;
  bool ok = count == 2;
  if (ok)
    {
      *a = list[0];
      *b = list[1];
    }
  free (list);
  return ok;
}

/* --plot takes a name ending in .svg or .png (hp_export picks by it). */
static bool
plot_name_ok (const char *path)
{
  size_t len = strlen (path);
  return len >= 5
         && (strcmp (path + len - 4, ".svg") == 0
             || strcmp (path + len - 4, ".png") == 0);
}

#define PLOT_NAME_MESSAGE "--plot needs a file name ending in .svg or .png"

/* Draws with the light style into path; 0, or 1 with the reason printed. */
static int
write_plot (const char *path, int width, int height, HpDrawFunc draw, void *data)
{
  HpStyle style;
  hp_style_init (&style, HP_SCHEME_LIGHT);
  char msg[512];
  if (hp_export (path, width, height, &style, draw, data, msg, sizeof msg) != 0)
    return cli_fail (1, "%s", msg);
  return 0;
}

typedef struct
{
  const HfLandscape *ls;
  const HpTree *tree;
  size_t width, height; /* the network's grid, for the thumbnails */
} MapPlot;

static void
draw_map (cairo_t *cr, int width, int height, void *data)
{
  const MapPlot *m = data;
  HpStyle style;
  hp_style_init (&style, HP_SCHEME_LIGHT);
  hp_landscape_draw (cr, &style, (HpRect){ 0, 0, width, height }, m->ls, m->tree, NULL,
                     m->width, m->height, -1);
}

/* The barrier tree beside the state space, as the studio's Landscape view. */
static int
plot_map (const char *path, const HfNetwork *net, const HfLandscape *ls)
{
  HpTree *tree = hp_tree_new (ls, PLOT_LEAVES);
  if (tree == NULL)
    return cli_fail (1, "not enough memory to draw the landscape");
  MapPlot m = { ls, tree, net->width, net->height };
  int code = write_plot (path, 1100, 600, draw_map, &m);
  hp_tree_free (tree);
  return code;
}

typedef struct
{
  const HfPlaneCell *cells;
  size_t grid, a, b;
} PlanePlot;

static void
draw_plane (cairo_t *cr, int width, int height, void *data)
{
  const PlanePlot *p = data;
  HpStyle style;
  hp_style_init (&style, HP_SCHEME_LIGHT);
  hp_plane_draw (cr, &style, (HpRect){ 0, 0, width, height }, p->cells, p->grid, p->a,
                 p->b, NULL, 0);
}

typedef struct
{
  const HfBasinRadiusResult *results;
  size_t count, n;
  double share;
} BasinsPlot;

static void
draw_basins (cairo_t *cr, int width, int height, void *data)
{
  const BasinsPlot *b = data;
  HpStyle style;
  hp_style_init (&style, HP_SCHEME_LIGHT);
  hp_basins_draw (cr, &style, (HpRect){ 0, 0, width, height }, b->results, b->count, b->n,
                  b->share);
}

/* Loads the network and, when spec is given, patterns of its size. */
static int
load_inputs (const char *path, const char *spec, HfNetwork **net, HfPatterns **P)
{
  HfError err = { 0 };
  *P = NULL;
  *net = hf_netfile_load (path, &err);
  if (*net == NULL)
    return cli_fail (1, "%s", err.message);
  if (spec == NULL)
    return 0;
  *P = cli_load_patterns (spec, (*net)->width, (*net)->height, HF_THRESHOLD_FIXED, 0.5,
                          &err);
  if (*P == NULL || (*P)->n != (*net)->n)
    {
      int code = *P == NULL ? cli_fail (1, "%s", err.message)
                            : cli_fail (1,
                                        "the patterns have %zu neurons but the network "
                                        "has %zu",
                                        (*P)->n, (*net)->n);
      hf_patterns_free (*P);
      hf_network_free (*net);
      *P = NULL;
      *net = NULL;
      return code;
    }
  return 0;
}

static void
describe_kind (HfOutcomeKind kind, long pattern, char *buf, size_t len)
{
  if (kind == HF_OUTCOME_PATTERN || kind == HF_OUTCOME_INVERSE)
    snprintf (buf, len, "%s %ld", hf_outcome_kind_name (kind), pattern);
  else
    snprintf (buf, len, "%s", hf_outcome_kind_name (kind));
}

static void
print_attractors (const HfLandscape *ls, bool csv)
{
  size_t n = hf_landscape_n (ls), na, nmin;
  const HfAttractor *A = hf_landscape_attractors (ls, &na);
  hf_landscape_minima (ls, &nmin);
  char s[40], p[40], kind[48];
  double total = (double)((uint64_t)1 << n);
  if (csv)
    {
      printf ("state,energy,basin,kind,pattern,period,partner,minimum\n");
      for (size_t k = 0; k < na; k++)
        {
          hf_landscape_state_string (A[k].state, n, s);
          hf_landscape_state_string (A[k].partner, n, p);
          printf ("%s,%.9g,%llu,%s,%ld,%zu,%s,%ld\n", s, A[k].energy,
                  (unsigned long long)A[k].basin, hf_outcome_kind_name (A[k].kind),
                  A[k].pattern, A[k].period, p, A[k].minimum);
        }
      return;
    }
  size_t cycles = 0;
  for (size_t k = 0; k < na; k++)
    cycles += A[k].period > 1;
  printf ("%zu attractors (%zu fixed points, %zu cycles), %zu minima in the barrier "
          "tree\n",
          na, na - cycles, cycles, nmin);
  printf ("  %-*s %12s %10s %7s  %s\n", (int)(n > 5 ? n : 5), "state", "energy", "basin",
          "share", "kind");
  for (size_t k = 0; k < na && k < SUMMARY_ROWS; k++)
    {
      hf_landscape_state_string (A[k].state, n, s);
      describe_kind (A[k].kind, A[k].pattern, kind, sizeof kind);
      if (A[k].period > 1)
        {
          hf_landscape_state_string (A[k].partner, n, p);
          snprintf (kind, sizeof kind, "cycle with %.32s", p);
        }
      printf ("  %-*s %12.5g %10llu %6.2f%%  %s\n", (int)(n > 5 ? n : 5), s, A[k].energy,
              (unsigned long long)A[k].basin, 100.0 * (double)A[k].basin / total, kind);
    }
  if (na > SUMMARY_ROWS)
    printf ("  ... and %zu more (--csv lists them all)\n", na - SUMMARY_ROWS);
}

static void
print_tree (const HfLandscape *ls, bool csv)
{
  size_t n = hf_landscape_n (ls), nm, ng;
  const HfTreeMinimum *M = hf_landscape_minima (ls, &nm);
  const HfTreeMerge *G = hf_landscape_merges (ls, &ng);
  char a[40], b[40], c[40], kind[48];
  if (csv)
    {
      printf ("minimum,joins,barrier,saddle,minimum_index,joins_index,minimum_energy\n");
      for (size_t k = 0; k < ng; k++)
        {
          hf_landscape_state_string (M[G[k].minimum].state, n, a);
          hf_landscape_state_string (M[G[k].joins].state, n, b);
          hf_landscape_state_string (G[k].saddle, n, c);
          printf ("%s,%s,%.9g,%s,%zu,%zu,%.9g\n", a, b, G[k].barrier, c, G[k].minimum,
                  G[k].joins, M[G[k].minimum].energy);
        }
      return;
    }
  printf ("barrier tree: %zu minima, %zu merges\n", nm, ng);
  printf ("  %3s %-*s %12s %10s %8s  %s\n", "#", (int)(n > 5 ? n : 5), "minimum",
          "energy", "basin", "plateau", "kind");
  for (size_t k = 0; k < nm && k < SUMMARY_ROWS; k++)
    {
      hf_landscape_state_string (M[k].state, n, a);
      describe_kind (M[k].kind, M[k].pattern, kind, sizeof kind);
      printf ("  %3zu %-*s %12.5g %10llu %8llu  %s\n", k, (int)(n > 5 ? n : 5), a,
              M[k].energy, (unsigned long long)M[k].basin,
              (unsigned long long)M[k].states, kind);
    }
  if (nm > SUMMARY_ROWS)
    printf ("  ... and %zu more minima\n", nm - SUMMARY_ROWS);
  for (size_t k = 0; k < ng && k < SUMMARY_ROWS; k++)
    printf ("  minimum %zu joins minimum %zu over a barrier at %.5g (%.5g above it)\n",
            G[k].minimum, G[k].joins, G[k].barrier,
            G[k].barrier - M[G[k].minimum].energy);
  if (ng > SUMMARY_ROWS)
    printf ("  ... and %zu more merges (--csv lists them all)\n", ng - SUMMARY_ROWS);
}

static int
run_map (const HfNetwork *net, const HfPatterns *P, const HfLandscapeOptions *o,
         bool tree, bool csv, const char *plot)
{
  HfError err = { 0 };
  HfLandscape *ls = hf_landscape_new (net, P, o, &err);
  if (ls == NULL)
    return cli_fail (1, "%s", err.message);
  double t0 = now ();
  HfStatus st;
  while ((st = hf_landscape_iterate (ls, &err)) == HF_OK)
    progress ("landscape", hf_landscape_progress (ls));
  progress_done ();
  if (st != HF_DONE)
    {
      hf_landscape_free (ls);
      return cli_fail (1, "%s", err.message);
    }
  double seconds = now () - t0;
  if (!csv)
    {
      const float *E = hf_landscape_energies (ls);
      float lo = E[0], hi = E[0];
      uint64_t N = (uint64_t)1 << net->n;
      for (uint64_t x = 1; x < N; x++)
        {
          lo = E[x] < lo ? E[x] : lo;
          hi = E[x] > hi ? E[x] : hi;
        }
      printf ("%zu neurons (%zux%zu), %s dynamics, tie %s: %llu states, energies %.5g "
              "to %.5g, level tolerance %.3g (%.2f s)\n",
              net->n, net->width, net->height,
              o->dynamics == HF_LANDSCAPE_SYNC ? "synchronous" : "asynchronous",
              cli_tie_name (o->tie), (unsigned long long)N, lo, hi,
              hf_landscape_tolerance (ls), seconds);
    }
  if (tree)
    print_tree (ls, csv);
  else
    print_attractors (ls, csv);
  int code = plot ? plot_map (plot, net, ls) : 0;
  hf_landscape_free (ls);
  return code;
}

static int
run_plane (const HfNetwork *net, const HfPatterns *P, const HfOverlapPlaneOptions *o,
           bool csv, const char *plot)
{
  HfError err = { 0 };
  HfOverlapPlane *pl = hf_overlap_plane_new (net, P, o, &err);
  if (pl == NULL)
    return cli_fail (1, "%s", err.message);
  HfStatus st;
  while ((st = hf_overlap_plane_iterate (pl, &err)) == HF_OK)
    progress ("plane", hf_overlap_plane_progress (pl));
  progress_done ();
  if (st != HF_DONE)
    {
      hf_overlap_plane_free (pl);
      return cli_fail (1, "%s", err.message);
    }
  size_t G;
  const HfPlaneCell *C = hf_overlap_plane_cells (pl, &G);
  if (csv)
    {
      printf ("ma,mb,target_a,target_b,samples,energy_mean,energy_sd,drift_a,drift_b\n");
      for (size_t k = 0; k < G * G; k++)
        printf ("%.6g,%.6g,%.6g,%.6g,%zu,%.9g,%.6g,%.6g,%.6g\n", C[k].ma, C[k].mb,
                C[k].target_a, C[k].target_b, C[k].samples, C[k].energy_mean,
                C[k].energy_sd, C[k].drift_a, C[k].drift_b);
    }
  else
    {
      size_t filled = 0, lo = SIZE_MAX;
      for (size_t k = 0; k < G * G; k++)
        if (C[k].samples > 0)
          {
            filled++;
            if (lo == SIZE_MAX || C[k].energy_mean < C[lo].energy_mean)
              lo = k;
          }
      printf ("overlap plane of patterns %zu and %zu: %zux%zu cells, %zu reachable, %zu "
              "samples each (seed %lu)\n",
              o->a, o->b, G, G, filled, o->samples, o->seed);
      if (lo != SIZE_MAX)
        printf ("lowest mean energy %.5g at (m_a, m_b) = (%.3f, %.3f)\n",
                C[lo].energy_mean, C[lo].ma, C[lo].mb);
      printf ("mean energy by m_a (rows, from +1 down) and m_b (columns, -1 to +1); "
              "'.' unreachable:\n");
      for (size_t i = G; i-- > 0;)
        {
          printf ("  %+5.2f ", -1.0 + 2.0 * (double)i / (double)(G - 1));
          for (size_t j = 0; j < G; j++)
            {
              const HfPlaneCell *c = &C[i * G + j];
              if (c->samples == 0)
                printf ("%8s", ".");
              else
                printf ("%8.3g", c->energy_mean);
            }
          printf ("\n");
        }
    }
  int code = 0;
  if (plot)
    {
      PlanePlot p = { C, G, o->a, o->b };
      code = write_plot (plot, 960, 640, draw_plane, &p);
    }
  hf_overlap_plane_free (pl);
  return code;
}

static void
landscape_usage (FILE *out)
{
  fprintf (out,
           "Usage: hopfield landscape NETWORK [OPTIONS]\n"
           "Maps every state of a network of at most 25 neurons: its fixed points (or\n"
           "cycles) with basins, or the barrier tree; or, for any size, the energy over\n"
           "the overlaps with two stored patterns. Definitions: docs/landscape.md.\n\n"
           "  -p, --patterns SPEC   the stored patterns: names pattern k / inverse k\n"
           "      --sync            synchronous dynamics (2-cycles are attractors)\n"
           "      --tie off|on|keep what a zero field does (default off)\n"
           "      --tree            the barrier tree: one row per merge\n"
           "      --tolerance X     levels: energies within X max|E| (default 1e-6)\n"
           "      --threads N       worker threads (default: every CPU)\n"
           "      --plane A,B       energy and flow over (m_A, m_B) (needs -p)\n"
           "      --grid G          plane cells per axis (default 21)\n"
           "      --samples S       plane samples per cell (default 16)\n"
           "  -S, --seed N          plane sampling seed (default 1)\n"
           "      --csv             rows of numbers instead of a summary\n"
           "      --plot FILE       also draw the map as SVG or PNG (by the extension):\n"
           "                        the barrier tree beside the state space, or with\n"
           "                        --plane the energy heat map with its flow arrows\n");
}

int
cli_landscape (int argc, char **argv)
{
  enum
  {
    O_SYNC = 256,
    O_TIE,
    O_TREE,
    O_TOL,
    O_THREADS,
    O_PLANE,
    O_GRID,
    O_SAMPLES,
    O_CSV,
    O_PLOT,
  };
  static const struct option longopts[] = {
    { "patterns", required_argument, 0, 'p' },
    { "sync", no_argument, 0, O_SYNC },
    { "tie", required_argument, 0, O_TIE },
    { "tree", no_argument, 0, O_TREE },
    { "tolerance", required_argument, 0, O_TOL },
    { "threads", required_argument, 0, O_THREADS },
    { "plane", required_argument, 0, O_PLANE },
    { "grid", required_argument, 0, O_GRID },
    { "samples", required_argument, 0, O_SAMPLES },
    { "seed", required_argument, 0, 'S' },
    { "csv", no_argument, 0, O_CSV },
    { "plot", required_argument, 0, O_PLOT },
    { "help", no_argument, 0, 'h' },
    { 0, 0, 0, 0 },
  };
  HfLandscapeOptions o;
  hf_landscape_options_init (&o);
  HfOverlapPlaneOptions po;
  hf_overlap_plane_options_init (&po);
  const char *spec = NULL, *plot = NULL;
  bool tree = false, plane = false, csv = false;
  unsigned long v;
  int c;
  optind = 1;
  while ((c = getopt_long (argc, argv, "p:S:h", longopts, NULL)) != -1)
    switch (c)
      {
      case 'p':
        spec = optarg;
        break;
      case O_SYNC:
        o.dynamics = HF_LANDSCAPE_SYNC;
        break;
      case O_TIE:
        if (!cli_parse_tie (optarg, &o.tie))
          return cli_fail (EXIT_USAGE, "--tie is off, on or keep");
        po.tie = o.tie;
        break;
      case O_TREE:
        tree = true;
        break;
      case O_TOL:
        if (!cli_parse_double (optarg, &o.level_tolerance) || o.level_tolerance < 0
            || o.level_tolerance >= 1)
          return cli_fail (EXIT_USAGE, "--tolerance needs a number in [0, 1)");
        break;
      case O_THREADS:
        if (!cli_parse_ulong (optarg, &v) || v == 0 || v > 64)
          return cli_fail (EXIT_USAGE, "--threads needs a count from 1 to 64");
        o.threads = (unsigned)v;
        break;
      case O_PLANE:
        if (!parse_pair (optarg, &po.a, &po.b))
          return cli_fail (EXIT_USAGE, "--plane needs two pattern numbers A,B");
        plane = true;
        break;
      case O_GRID:
        if (!cli_parse_ulong (optarg, &v) || v < 2 || v > 401)
          return cli_fail (EXIT_USAGE, "--grid needs a count from 2 to 401");
        po.grid = v;
        break;
      case O_SAMPLES:
        if (!cli_parse_ulong (optarg, &v) || v == 0 || v > 100000)
          return cli_fail (EXIT_USAGE, "--samples needs a count from 1 to 100000");
        po.samples = v;
        break;
      case 'S':
        if (!cli_parse_ulong (optarg, &po.seed))
          return cli_fail (EXIT_USAGE, "--seed needs a non-negative integer");
        break;
      case O_CSV:
        csv = true;
        break;
      case O_PLOT:
        if (!plot_name_ok (optarg))
          return cli_fail (EXIT_USAGE, PLOT_NAME_MESSAGE);
        plot = optarg;
        break;
      case 'h':
        landscape_usage (stdout);
        return 0;
      default:
        landscape_usage (stderr);
        return EXIT_USAGE;
      }
  if (optind != argc - 1)
    return cli_fail (EXIT_USAGE, "give exactly one network file (see --help)");
  if (plane && tree)
    return cli_fail (EXIT_USAGE, "--plane and --tree are different maps: give one");
  if (plane && spec == NULL)
    return cli_fail (EXIT_USAGE, "--plane needs the stored patterns (-p)");
  HfNetwork *net;
  HfPatterns *P;
  int code = load_inputs (argv[optind], spec, &net, &P);
  if (code != 0)
    return code;
  code = plane ? run_plane (net, P, &po, csv, plot)
               : run_map (net, P, &o, tree, csv, plot);
  hf_patterns_free (P);
  hf_network_free (net);
  if (plot)
    hp_release_static_data ();
  return code;
}

static void
basins_usage (FILE *out)
{
  fprintf (
      out,
      "Usage: hopfield basins NETWORK -p PATTERNS [OPTIONS]\n"
      "Per stored pattern: its basin radius (the most flipped bits from which\n"
      "sequential recall returns it in at least a share of seeded trials, found\n"
      "by bisection; -1 when it is not a fixed point) and its margin min_i xi_i h_i.\n\n"
      "  -p, --patterns SPEC   the stored patterns (required)\n"
      "      --share F         required share of trials (default 0.9)\n"
      "  -t, --trials N        trials per flip count (default 64)\n"
      "      --max-flips D     largest count tried (default n/2)\n"
      "      --tie off|on|keep what a zero field does (default off)\n"
      "  -S, --seed N          (default 1)\n"
      "      --threads N       worker threads (default: every CPU)\n"
      "      --csv             rows of numbers instead of a summary\n"
      "      --plot FILE       also draw radius and margin as bars, SVG or PNG\n"
      "                        (by the extension)\n");
}

int
cli_basins (int argc, char **argv)
{
  enum
  {
    O_SHARE = 256,
    O_MAX,
    O_TIE,
    O_THREADS,
    O_CSV,
    O_PLOT,
  };
  static const struct option longopts[] = {
    { "patterns", required_argument, 0, 'p' },
    { "share", required_argument, 0, O_SHARE },
    { "trials", required_argument, 0, 't' },
    { "max-flips", required_argument, 0, O_MAX },
    { "tie", required_argument, 0, O_TIE },
    { "seed", required_argument, 0, 'S' },
    { "threads", required_argument, 0, O_THREADS },
    { "csv", no_argument, 0, O_CSV },
    { "plot", required_argument, 0, O_PLOT },
    { "help", no_argument, 0, 'h' },
    { 0, 0, 0, 0 },
  };
  HfBasinRadiusOptions o;
  hf_basin_radius_options_init (&o);
  const char *spec = NULL, *plot = NULL;
  bool csv = false;
  unsigned long v;
  int c;
  optind = 1;
  while ((c = getopt_long (argc, argv, "p:t:S:h", longopts, NULL)) != -1)
    switch (c)
      {
      case 'p':
        spec = optarg;
        break;
      case O_SHARE:
        if (!cli_parse_double (optarg, &o.share) || !(o.share > 0) || o.share > 1)
          return cli_fail (EXIT_USAGE, "--share needs a number in (0, 1]");
        break;
      case 't':
        if (!cli_parse_ulong (optarg, &v) || v == 0 || v > 1000000)
          return cli_fail (EXIT_USAGE, "--trials needs a count from 1 to 1000000");
        o.trials = v;
        break;
      case O_MAX:
        if (!cli_parse_ulong (optarg, &v) || v > HF_MAX_NEURONS)
          return cli_fail (EXIT_USAGE, "--max-flips needs a bit count");
        o.max_flips = v;
        break;
      case O_TIE:
        if (!cli_parse_tie (optarg, &o.tie))
          return cli_fail (EXIT_USAGE, "--tie is off, on or keep");
        break;
      case 'S':
        if (!cli_parse_ulong (optarg, &o.seed))
          return cli_fail (EXIT_USAGE, "--seed needs a non-negative integer");
        break;
      case O_THREADS:
        if (!cli_parse_ulong (optarg, &v) || v == 0 || v > 64)
          return cli_fail (EXIT_USAGE, "--threads needs a count from 1 to 64");
        o.threads = (unsigned)v;
        break;
      case O_CSV:
        csv = true;
        break;
      case O_PLOT:
        if (!plot_name_ok (optarg))
          return cli_fail (EXIT_USAGE, PLOT_NAME_MESSAGE);
        plot = optarg;
        break;
      case 'h':
        basins_usage (stdout);
        return 0;
      default:
        basins_usage (stderr);
        return EXIT_USAGE;
      }
  if (optind != argc - 1)
    return cli_fail (EXIT_USAGE, "give exactly one network file (see --help)");
  if (spec == NULL)
    return cli_fail (EXIT_USAGE, "give the stored patterns with -p");
  HfNetwork *net;
  HfPatterns *P;
  int code = load_inputs (argv[optind], spec, &net, &P);
  if (code != 0)
    return code;
  HfError err = { 0 };
  if (o.max_flips > net->n)
    code = cli_fail (EXIT_USAGE, "--max-flips %zu but the network has %zu neurons",
                     o.max_flips, net->n);
  HfBasinRadius *b = code ? NULL : hf_basin_radius_new (net, P, &o, &err);
  if (code == 0 && b == NULL)
    code = cli_fail (1, "%s", err.message);
  HfStatus st = HF_OK;
  if (b != NULL)
    {
      while ((st = hf_basin_radius_iterate (b, &err)) == HF_OK)
        progress ("basins", hf_basin_radius_progress (b));
      progress_done ();
      if (st != HF_DONE)
        code = cli_fail (1, "%s", err.message);
    }
  if (code == 0)
    {
      const HfBasinRadiusResult *r = hf_basin_radius_results (b);
      if (csv)
        printf ("pattern,radius,share,margin,evaluations\n");
      else
        printf (
            "%zu patterns, %zu neurons: basin radius at a share of %.2f of %zu trials "
            "(seed %lu)\n  pattern  radius  radius/n   share    margin\n",
            P->m, net->n, o.share, o.trials, o.seed);
      for (size_t k = 0; k < P->m; k++)
        if (csv)
          printf ("%zu,%ld,%.6g,%.9g,%zu\n", k, r[k].radius, r[k].share_at_radius,
                  r[k].margin, r[k].evaluations);
        else if (r[k].radius < 0)
          printf ("  %7zu      -- not a fixed point        %9.4g\n", k, r[k].margin);
        else
          printf ("  %7zu  %6ld  %8.3f  %6.3f  %9.4g\n", k, r[k].radius,
                  (double)r[k].radius / (double)net->n, r[k].share_at_radius,
                  r[k].margin);
      if (plot)
        {
          BasinsPlot bp = { r, P->m, net->n, o.share };
          code = write_plot (plot, 800, 560, draw_basins, &bp);
        }
    }
  hf_basin_radius_free (b);
  hf_patterns_free (P);
  hf_network_free (net);
  if (plot)
    hp_release_static_data ();
  return code;
}
