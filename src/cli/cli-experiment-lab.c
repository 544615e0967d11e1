/* hopfield experiment images | scaling | margin. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-experiment.h"
#include "hf-experiment-images.h"
#include "hp-chart.h"
#include "hp-lab.h"

/* ---- Fig. 1 ---- */
typedef struct
{
  const HfImagesResult *res;
  size_t per_row; /* images side by side */
} Grid;

static void
draw_grid (cairo_t *cr, int width, int height, void *data)
{
  const Grid *g = data;
  HpStyle style;
  hp_style_init (&style, HP_SCHEME_LIGHT);
  style.on = (HpRgba){ 0.08, 0.08, 0.1, 1 };
  style.off = (HpRgba){ 1, 1, 1, 1 };
  hp_lab_images_draw (cr, &style, g->res, g->per_row);
  (void)width;
  (void)height;
}

/* The first `count` images of spec, cut to the side x side square at their
 * centre when n = side^2 is smaller than the images (0: whole). */
static HfPatterns *
first_images (const char *spec, size_t count, size_t n, HfError *err)
{
  HfPatterns *all = cli_load_patterns (spec, 0, 0, HF_THRESHOLD_FIXED, 0.5, err);
  if (all == NULL)
    return NULL;
  HfPatterns *D = NULL;
  size_t side = (size_t)lround (sqrt ((double)n));
  if (all->m < count)
    hf_error_set (err, HF_EINVAL, "%s holds %zu images, fewer than the %zu asked for",
                  spec, all->m, count);
  else if (n == 0 || n == all->n)
    D = hf_images_crop (all, count, all->width, all->height, err);
  else if (side * side != n || side > all->width || side > all->height)
    hf_error_set (err, HF_EINVAL,
                  "images: -n %zu must be the whole image (%zu) or a square that fits "
                  "in its %zux%zu (1024 cuts 32x32 out of the centre)",
                  n, all->n, all->width, all->height);
  else
    D = hf_images_crop (all, count, side, side, err);
  hf_patterns_free (all);
  return D;
}

int
cli_experiment_images (CliExperiment *a)
{
  HfError err = { 0 };
  char sample[64];
  snprintf (sample, sizeof sample, "sample:%s", hf_images_preset (a->quick)->sample);
  const char *spec = a->patterns ? a->patterns : sample;
  HfPatterns *D = first_images (spec, a->images, a->n, &err);
  if (D == NULL)
    return cli_fail (1, "%s", err.message);
  HfImagesOptions o;
  hf_images_options_init (&o);
  o.copies = a->copies;
  o.max_steps = a->steps;
  o.learning_rate = a->rate;
  o.seed = a->seed;
  o.exact_flips = a->exact;
  HfImagesResult *res = NULL;
  HfStatus st = hf_experiment_images (D, &o, a->rules, a->nrules, &res,
                                      cli_experiment_progress, NULL, &err);
  cli_experiment_progress_end ();
  if (st != HF_OK)
    {
      hf_patterns_free (D);
      return cli_fail (1, "%s", err.message);
    }
  if (a->csv)
    {
      printf ("image,fixed_point,recalled");
      for (size_t r = 1; r < res->nrules; r++)
        printf (",%s_fixed_point,%s_recalled", hf_rule_info (res->rules[r].rule)->name,
                hf_rule_info (res->rules[r].rule)->name);
      printf ("\n");
      for (size_t k = 0; k < res->count; k++)
        {
          printf ("%zu", k + 1);
          for (size_t r = 0; r < res->nrules; r++)
            printf (",%d,%d", res->rules[r].fixed[k], res->rules[r].recall_ok[k]);
          printf ("\n");
        }
    }
  else
    {
      printf ("# Fig. 1: %zu images of %zux%zu from %s, trained on copies with %.0f%% of "
              "the bits flipped (%lu per image in each of %lu minibatches), recalled "
              "from %.0f%%\n",
              res->count, res->width, res->height, spec, 100 * o.train_flip, a->copies,
              a->steps, 100 * o.probe_flip);
      printf ("%-11s  %6s  %9s  %12s  %9s  %s\n", "rule", "steps", "seconds",
              "fixed points", "recalled", "K/T");
      for (size_t r = 0; r < res->nrules; r++)
        {
          const HfImagesRuleResult *rr = &res->rules[r];
          printf ("%-11s  %6zu  %9.2f  %8zu/%-3zu  %5zu/%-3zu",
                  hf_rule_info (rr->rule)->name, rr->steps, rr->seconds, rr->fixed_points,
                  res->count, rr->recalled, res->count);
          if (rr->rule == HF_RULE_MPF)
            printf ("  %.4f", rr->objective);
          printf ("\n");
        }
    }
  int rc = 0;
  if (a->plot != NULL)
    {
      Grid g = { res, 2 };
      int w, h;
      hp_lab_images_size (res, g.per_row, &w, &h);
      HpStyle style;
      hp_style_init (&style, HP_SCHEME_LIGHT);
      char msg[512];
      if (hp_export (a->plot, w, h, &style, draw_grid, &g, msg, sizeof msg) != 0)
        rc = cli_fail (1, "%s", msg);
    }
  hf_images_result_free (res);
  hf_patterns_free (D);
  return rc;
}

/* ---- scaling ---- */
int
cli_experiment_scaling (CliExperiment *a)
{
  size_t count = a->nm;
  HfScalingRow *rows = calloc (count, sizeof *rows);
  if (rows == NULL)
    return cli_fail (1, "out of memory");
  HfTrainOptions opts;
  hf_train_options_init (&opts, a->rules[0]);
  HfError err = { 0 };
  double exponent;
  HfStatus st = hf_experiment_scaling (&opts, a->ms, count, a->trials, a->seed, 128, rows,
                                       &exponent, cli_experiment_progress, NULL, &err);
  cli_experiment_progress_end ();
  if (st != HF_OK)
    {
      free (rows);
      return cli_fail (1, "%s", err.message);
    }
  const char *name = hf_rule_info (a->rules[0])->name;
  if (a->csv)
    printf ("n,m,seconds,seconds_sd,fraction_stored,rule\n");
  else
    printf ("# %s, m = n/4, %lu trials\n%5s  %5s  %10s  %10s  %8s\n", name, a->trials,
            "n", "m", "seconds", "sd", "stored");
  for (size_t r = 0; r < count; r++)
    printf (a->csv ? "%zu,%zu,%.6f,%.6f,%.4f,%s\n"
                   : "%5zu  %5zu  %10.6f  %10.6f  %8.4f%s\n",
            rows[r].n, rows[r].m, rows[r].seconds, rows[r].seconds_sd,
            rows[r].fraction_stored, a->csv ? name : "");
  if (!a->csv)
    printf ("# fitted over n >= 128: time ~ n^%.2f (paper: n^2.5)\n", exponent);
  int rc = 0;
  if (a->plot != NULL)
    {
      HpLabChart c;
      if (!hp_lab_scaling_chart (&c, rows, count, a->ms, count, 128, name, a->trials,
                                 NULL))
        rc = cli_fail (1, "out of memory");
      else
        {
          char msg[512];
          if (hp_chart_export (a->plot, 900, 560, &c.chart, msg, sizeof msg) != 0)
            rc = cli_fail (1, "%s", msg);
          hp_lab_chart_clear (&c);
        }
    }
  free (rows);
  return rc;
}

/* ---- stopping margin against denoising ---- */
int
cli_experiment_margin (CliExperiment *a)
{
  size_t nm = a->nmargins, nk = a->nk;
  HfDenoiseRow *rows = calloc (nm * nk, sizeof *rows);
  if (rows == NULL)
    return cli_fail (1, "out of memory");
  HfTrainOptions opts;
  hf_train_options_init (&opts, a->rules[0]);
  HfError err = { 0 };
  HfStatus st = hf_experiment_margin (&opts, a->n, a->ms[0], a->margins, nm, a->ks, nk,
                                      a->trials, a->probes, a->seed, a->threads, rows,
                                      cli_experiment_progress, NULL, &err);
  cli_experiment_progress_end ();
  if (st != HF_OK)
    {
      free (rows);
      return cli_fail (1, "%s", err.message);
    }
  if (a->csv)
    printf ("margin,flips,recovered\n");
  else
    {
      printf ("# %s, n = %lu, m = %zu, %lu trials: fraction recovered exactly\n%6s",
              hf_rule_info (a->rules[0])->name, a->n, a->ms[0], a->trials, "flips");
      for (size_t r = 0; r < nm; r++)
        {
          char head[32];
          if (a->margins[r] > 0)
            snprintf (head, sizeof head, "margin %g", a->margins[r]);
          else
            snprintf (head, sizeof head, "flat grad");
          printf ("  %10s", head);
        }
      printf ("\n");
    }
  for (size_t k = 0; k < nk; k++)
    {
      if (!a->csv)
        printf ("%6zu", a->ks[k]);
      for (size_t r = 0; r < nm; r++)
        {
          if (a->csv)
            printf ("%g,%zu,%.4f\n", a->margins[r], a->ks[k], rows[r * nk + k].recovered);
          else
            printf ("  %10.4f", rows[r * nk + k].recovered);
        }
      if (!a->csv)
        printf ("\n");
    }
  int rc = 0;
  if (a->plot != NULL)
    {
      HpLabChart c;
      if (!hp_lab_margin_chart (&c, rows, nm * nk, a->margins, nm, a->ks, nk, a->n,
                                a->ms[0]))
        rc = cli_fail (1, "out of memory");
      else
        {
          char msg[512];
          if (hp_chart_export (a->plot, 900, 560, &c.chart, msg, sizeof msg) != 0)
            rc = cli_fail (1, "%s", msg);
          hp_lab_chart_clear (&c);
        }
    }
  free (rows);
  return rc;
}
