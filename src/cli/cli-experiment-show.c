/* hopfield experiment show: the experiment results kept in a session,
 * printed, exported as CSV and plotted with the code the studio's Lab
 * uses (src/plot/hp-lab-table.c), so every number it shows can be checked
 * here; with the command line that repeats the run. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli-experiment.h"
#include "hf-session.h"
#include "hp-chart.h"
#include "hp-lab-table.h"

static void
show_usage (FILE *out)
{
  fprintf (
      out,
      "Usage: hopfield experiment show SESSION [INDEX] [--csv] [--plot FILE]\n"
      "Lists the experiment results kept in a session (the studio's Lab, Keep in\n"
      "Session) or, with INDEX (1, 2, ...), prints that result's table with the\n"
      "command that repeats the run.\n\n"
      "Options:\n"
      "      --csv        print the table as CSV, as the Lab's Export Table writes it\n"
      "      --plot FILE  draw the result as the Lab does, SVG or PNG by the "
      "extension\n");
}

/* "2026-11-23 08:30 UTC" */
static void
format_time (int64_t t, char *buf, size_t len)
{
  time_t tt = (time_t)t;
  struct tm tm;
  if (gmtime_r (&tt, &tm) == NULL || strftime (buf, len, "%Y-%m-%d %H:%M UTC", &tm) == 0)
    snprintf (buf, len, "%lld s after 1970", (long long)t);
}

/* One line per result: index, experiment, label, when, table size. */
void
cli_list_kept_results (const HfSession *ss, const char *indent)
{
  for (size_t k = 0; k < ss->nresults; k++)
    {
      const HfSessionResult *r = &ss->results[k];
      char when[64];
      format_time (r->time, when, sizeof when);
      printf ("%s%zu. %s%s%s%s, kept %s: %zu rows of %zu columns%s\n", indent, k + 1,
              r->kind, r->label[0] ? " \"" : "", r->label, r->label[0] ? "\"" : "", when,
              r->nrows, r->ncols, r->nimages > 0 ? ", with the Fig. 1 images" : "");
    }
}

/* The `hopfield experiment` options of the Lab's parameters. */
static const char *const options[HP_LAB_NPARAMS] = {
  [HP_LAB_P_RULES] = "--rule",    [HP_LAB_P_N] = "--neurons",
  [HP_LAB_P_MS] = "--patterns",   [HP_LAB_P_KS] = "--flips",
  [HP_LAB_P_TRIALS] = "--trials", [HP_LAB_P_PROBES] = "--probes",
  [HP_LAB_P_COPIES] = "--copies", [HP_LAB_P_MARGINS] = "--margins",
  [HP_LAB_P_IMAGES] = "--images", [HP_LAB_P_STEPS] = "--steps",
  [HP_LAB_P_SEED] = "--seed",
};

static void
print_table (const char *csv)
{
  /* the CSV's cells, right-aligned in columns of 14 */
  for (const char *line = csv; *line;)
    {
      const char *end = strchr (line, '\n');
      size_t len = end ? (size_t)(end - line) : strlen (line);
      const char *cell = line;
      while (cell < line + len)
        {
          const char *comma = memchr (cell, ',', (size_t)(line + len - cell));
          int w = (int)((comma ? comma : line + len) - cell);
          printf ("%s%*.*s", cell == line ? "" : " ", w > 14 ? w : 14, w, cell);
          cell += w + 1;
        }
      printf ("\n");
      line += len + (end != NULL);
    }
}

typedef struct
{
  const HfImagesResult *res;
} Grid;

static void
draw_grid (cairo_t *cr, int width, int height, void *data)
{
  HpStyle style;
  hp_style_init (&style, HP_SCHEME_LIGHT);
  style.on = (HpRgba){ 0.08, 0.08, 0.1, 1 };
  style.off = (HpRgba){ 1, 1, 1, 1 };
  hp_lab_images_draw (cr, &style, ((const Grid *)data)->res, 2);
  (void)width;
  (void)height;
}

static int
plot (const char *path, const HpLabSpec *spec, const void *rows,
      const HfImagesResult *res)
{
  char msg[512];
  int rc = 0;
  if (spec->kind == HP_LAB_IMAGES)
    {
      Grid g = { res };
      int w, h;
      hp_lab_images_size (res, 2, &w, &h);
      HpStyle style;
      hp_style_init (&style, HP_SCHEME_LIGHT);
      if (hp_export (path, w, h, &style, draw_grid, &g, msg, sizeof msg) != 0)
        rc = cli_fail (1, "%s", msg);
    }
  else
    {
      HpLabChart c;
      if (!hp_lab_spec_chart (spec, rows, spec->total, &c, NULL))
        return cli_fail (1, "out of memory");
      if (hp_chart_export (path, 900, 560, &c.chart, msg, sizeof msg) != 0)
        rc = cli_fail (1, "%s", msg);
      hp_lab_chart_clear (&c);
    }
  return rc;
}

static int
show_one (const HfSession *ss, size_t index, bool csv, const char *plot_path)
{
  const HfSessionResult *r = &ss->results[index];
  const char *texts[HP_LAB_NPARAMS];
  HpLabSpec spec;
  void *rows = NULL;
  HfImagesResult *res = NULL;
  GError *error = NULL;
  if (!hp_lab_result_read (r, texts, &spec, &rows, &res, &error))
    {
      int rc = cli_fail (1, "kept result %zu: %s", index + 1, error->message);
      g_error_free (error);
      return rc;
    }
  GString *table = hp_lab_table_csv (&spec, rows, spec.total, res);
  if (csv)
    fputs (table->str, stdout);
  else
    {
      char when[64];
      format_time (r->time, when, sizeof when);
      printf ("# kept result %zu of %zu: %s%s%s%s, kept %s\n", index + 1, ss->nresults,
              r->kind, r->label[0] ? " \"" : "", r->label, r->label[0] ? "\"" : "", when);
      /* The Lab takes "perceptron, mpf"; the command line takes one word
       * per option, so the values print without their spaces. */
      printf ("# repeat with: hopfield experiment %s", r->kind);
      for (int p = 0; p < HP_LAB_NPARAMS; p++)
        if (texts[p] != NULL)
          {
            printf (" %s ", options[p]);
            for (const char *c = texts[p]; *c; c++)
              if (!g_ascii_isspace (*c))
                putchar (*c);
          }
      printf ("\n");
      for (size_t q = 0; res && q < res->nrules; q++)
        printf ("# %s: %zu of %zu originals fixed points, %zu recalled\n",
                hf_rule_info (res->rules[q].rule)->name, res->rules[q].fixed_points,
                res->count, res->rules[q].recalled);
      print_table (table->str);
    }
  g_string_free (table, TRUE);
  int rc = plot_path ? plot (plot_path, &spec, rows, res) : 0;
  g_free (rows);
  hf_images_result_free (res);
  hp_lab_spec_clear (&spec);
  return rc;
}

int
cli_experiment_show (int argc, char **argv)
{
  enum
  {
    O_CSV = 256,
    O_PLOT,
  };
  static const struct option longopts[] = {
    { "csv", no_argument, 0, O_CSV },
    { "plot", required_argument, 0, O_PLOT },
    { "help", no_argument, 0, 'h' },
    { 0, 0, 0, 0 },
  };
  bool csv = false;
  const char *plot_path = NULL;
  int c;
  optind = 1;
  while ((c = getopt_long (argc, argv, "h", longopts, NULL)) != -1)
    switch (c)
      {
      case O_CSV:
        csv = true;
        break;
      case O_PLOT:
        {
          size_t len = strlen (optarg);
          if (len < 5
              || (strcmp (optarg + len - 4, ".svg") != 0
                  && strcmp (optarg + len - 4, ".png") != 0))
            return cli_fail (EXIT_USAGE,
                             "--plot needs a file name ending in .svg or .png");
          plot_path = optarg;
          break;
        }
      case 'h':
        show_usage (stdout);
        return 0;
      default:
        return EXIT_USAGE;
      }
  if (optind >= argc || argc - optind > 2)
    {
      show_usage (stderr);
      return EXIT_USAGE;
    }
  const char *path = argv[optind];
  unsigned long index = 0;
  if (optind + 1 < argc && (!cli_parse_ulong (argv[optind + 1], &index) || index == 0))
    return cli_fail (EXIT_USAGE,
                     "INDEX is 1 for the first kept result, 2 for the next...");
  HfError err = { 0 };
  HfSession *ss = hf_session_load (path, &err);
  if (ss == NULL)
    return cli_fail (1, "%s", err.message);
  int rc = 0;
  if (ss->nresults == 0)
    rc = cli_fail (1, "%s keeps no experiment results (keep one in the studio's Lab)",
                   path);
  else if (index > ss->nresults)
    rc = cli_fail (1, "%s keeps %zu results; there is no result %lu", path, ss->nresults,
                   index);
  else if (index == 0 && (csv || plot_path))
    rc = cli_fail (EXIT_USAGE, "--csv and --plot need the INDEX of one result");
  else if (index == 0)
    {
      printf ("%s: %zu kept experiment result%s\n", path, ss->nresults,
              ss->nresults == 1 ? "" : "s");
      cli_list_kept_results (ss, "  ");
    }
  else
    rc = show_one (ss, index - 1, csv, plot_path);
  hf_session_free (ss);
  if (plot_path != NULL)
    hp_release_static_data ();
  return rc;
}
