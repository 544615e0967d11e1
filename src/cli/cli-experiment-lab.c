/* hopfield experiment images | scaling | margin. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-experiment.h"
#include "hf-experiment-images.h"
#include "hp-chart.h"

/* ---- Fig. 1 ---- */
typedef struct
{
  const HfImagesResult *res;
  size_t per_row; /* images side by side */
} Grid;

static void
draw_state (cairo_t *cr, const int8_t *s, size_t w, size_t h, double x, double y,
            double cell, const HpStyle *style)
{
  cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int)w, (int)h);
  unsigned char *data = cairo_image_surface_get_data (img);
  int stride = cairo_image_surface_get_stride (img);
  HpRgba on = style->on, off = style->off;
  for (size_t r = 0; r < h; r++)
    for (size_t c = 0; c < w; c++)
      {
        HpRgba col = s[r * w + c] > 0 ? on : off;
        uint32_t px = ((uint32_t)(col.r * 255) << 16) | ((uint32_t)(col.g * 255) << 8)
                      | (uint32_t)(col.b * 255);
        memcpy (data + r * (size_t)stride + c * 4, &px, 4);
      }
  cairo_surface_mark_dirty (img);
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, cell, cell);
  cairo_set_source_surface (cr, img, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (img);
}

#define PANEL_GAP 4.0
#define IMAGE_GAP 16.0
#define HEADER 54.0
#define MIN_PITCH 58.0 /* room for a panel's label under small images */
#define LABEL 14.0

static size_t
panels_per_image (const HfImagesResult *res)
{
  return 2 + 2 * res->nrules;
}

static void
grid_size (const Grid *g, int *width, int *height)
{
  const HfImagesResult *res = g->res;
  size_t cols = panels_per_image (res), rows = (res->count + g->per_row - 1) / g->per_row;
  double pw = fmax ((double)res->width, MIN_PITCH) + PANEL_GAP,
         ph = (double)res->height + LABEL + PANEL_GAP;
  *width = (int)fmax ((double)g->per_row * ((double)cols * pw + IMAGE_GAP) + 16, 640);
  *height = (int)(HEADER + (double)rows * ph + 16);
}

static void
draw_grid (cairo_t *cr, int width, int height, void *data)
{
  const Grid *g = data;
  const HfImagesResult *res = g->res;
  HpStyle style;
  hp_style_init (&style, HP_SCHEME_LIGHT);
  style.on = (HpRgba){ 0.08, 0.08, 0.1, 1 };
  style.off = (HpRgba){ 1, 1, 1, 1 };
  size_t n = res->n, cols = panels_per_image (res);
  double pw = fmax ((double)res->width, MIN_PITCH) + PANEL_GAP,
         ph = (double)res->height + LABEL + PANEL_GAP;
  char title[256];
  snprintf (title, sizeof title, "Fig. 1: %zu images learned from corrupted copies only",
            res->count);
  hp_set_source (cr, style.foreground);
  hp_text (cr, &style, 1.0, 8, 6, 0, 0, title);
  int len = snprintf (title, sizeof title, "Per image: a training copy, the probe");
  for (size_t r = 0; r < res->nrules && len > 0 && (size_t)len < sizeof title; r++)
    len += snprintf (title + len, sizeof title - (size_t)len,
                     "; %s: one sweep, converged",
                     hf_rule_info (res->rules[r].rule)->name);
  hp_set_source (cr, style.muted);
  hp_text (cr, &style, 0.85, 8, 26, 0, 0, title);
  for (size_t k = 0; k < res->count; k++)
    {
      size_t row = k / g->per_row, col = k % g->per_row;
      double x0 = 8 + (double)col * ((double)cols * pw + IMAGE_GAP),
             y0 = HEADER + (double)row * ph;
      const int8_t *panel[2 + 2 * 8];
      const char *label[2 + 2 * 8];
      bool ok[2 + 2 * 8];
      char name[2 + 2 * 8][32];
      panel[0] = res->training_copy + k * n;
      panel[1] = res->probe + k * n;
      snprintf (name[0], sizeof name[0], "%zu: copy", k + 1);
      snprintf (name[1], sizeof name[1], "probe");
      ok[0] = ok[1] = true;
      for (size_t r = 0; r < res->nrules && r < 8; r++)
        {
          const HfImagesRuleResult *rr = &res->rules[r];
          panel[2 + 2 * r] = rr->after_sweep + k * n;
          panel[3 + 2 * r] = rr->converged + k * n;
          snprintf (name[2 + 2 * r], sizeof name[0], "%.4s 1",
                    hf_rule_info (rr->rule)->name);
          snprintf (name[3 + 2 * r], sizeof name[0], "%.4s %s",
                    hf_rule_info (rr->rule)->name, rr->recall_ok[k] ? "ok" : "wrong");
          ok[2 + 2 * r] = true;
          ok[3 + 2 * r] = rr->recall_ok[k];
        }
      for (size_t p = 0; p < cols && p < 2 + 2 * 8; p++)
        {
          label[p] = name[p];
          double x = x0 + (double)p * pw;
          draw_state (cr, panel[p], res->width, res->height, x, y0 + LABEL, 1.0, &style);
          hp_set_source (cr, ok[p] ? style.muted : (HpRgba){ 0.8, 0.1, 0.1, 1 });
          hp_text (cr, &style, 0.7, x, y0 + LABEL - 1, 0, 1, label[p]);
        }
    }
  (void)width;
  (void)height;
}

static HfPatterns *
first_images (const char *spec, size_t count, HfError *err)
{
  HfPatterns *all = cli_load_patterns (spec, 0, 0, HF_THRESHOLD_FIXED, 0.5, err);
  if (all == NULL)
    return NULL;
  if (all->m < count)
    {
      hf_error_set (err, HF_EINVAL, "%s holds %zu images, fewer than the %zu asked for",
                    spec, all->m, count);
      hf_patterns_free (all);
      return NULL;
    }
  HfPatterns *D = hf_patterns_new (all->width, all->height, err);
  for (size_t k = 0; D != NULL && k < count; k++)
    if (hf_patterns_append (D, hf_patterns_get (all, k), err) != HF_OK)
      {
        hf_patterns_free (D);
        D = NULL;
      }
  hf_patterns_free (all);
  return D;
}

int
cli_experiment_images (CliExperiment *a)
{
  HfError err = { 0 };
  const char *spec = a->patterns ? a->patterns : "sample:fingerprints-64";
  HfPatterns *D = first_images (spec, a->images, &err);
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
              "the bits flipped, recalled from %.0f%%\n",
              res->count, res->width, res->height, spec, 100 * o.train_flip,
              100 * o.probe_flip);
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
      grid_size (&g, &w, &h);
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
      double *x = malloc (count * sizeof *x), *y = malloc (count * sizeof *y),
             *e = malloc (count * sizeof *e), *fit = malloc (count * sizeof *fit);
      if (!x || !y || !e || !fit)
        rc = cli_fail (1, "out of memory");
      else
        {
          /* The fitted power law through the geometric mean of the fitted rows. */
          double lx = 0, ly = 0;
          int k = 0;
          for (size_t r = 0; r < count; r++)
            {
              x[r] = (double)rows[r].n;
              y[r] = rows[r].seconds;
              e[r] = rows[r].seconds_sd;
              if (rows[r].n >= 128 && rows[r].seconds > 0)
                {
                  lx += log (x[r]);
                  ly += log (y[r]);
                  k++;
                }
            }
          for (size_t r = 0; r < count; r++)
            fit[r] = k > 0 && isfinite (exponent)
                         ? exp (ly / k + exponent * (log (x[r]) - lx / k))
                         : NAN;
          char flabel[64], title[96];
          snprintf (flabel, sizeof flabel, "fit: n^%.2f", exponent);
          snprintf (title, sizeof title, "MPF training time at m = n/4, %lu trials",
                    a->trials);
          HpSeries se[2] = { { name, x, y, e, count }, { flabel, x, fit, NULL, count } };
          HpChart chart = { title,
                            { 0, 0, true, "neurons n", false },
                            { 0, 0, true, "training time (s)", false },
                            se,
                            2,
                            NULL,
                            0,
                            true };
          char msg[512];
          if (hp_chart_export (a->plot, 900, 560, &chart, msg, sizeof msg) != 0)
            rc = cli_fail (1, "%s", msg);
        }
      free (x);
      free (y);
      free (e);
      free (fit);
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
      double *x = malloc (nk * sizeof *x), *y = malloc (nm * nk * sizeof *y);
      HpSeries *se = calloc (nm, sizeof *se);
      char (*labels)[48] = calloc (nm, sizeof *labels);
      if (!x || !y || !se || !labels)
        rc = cli_fail (1, "out of memory");
      else
        {
          for (size_t k = 0; k < nk; k++)
            x[k] = (double)a->ks[k];
          for (size_t r = 0; r < nm; r++)
            {
              for (size_t k = 0; k < nk; k++)
                y[r * nk + k] = rows[r * nk + k].recovered;
              if (a->margins[r] > 0)
                snprintf (labels[r], sizeof labels[r], "margin %g", a->margins[r]);
              else
                snprintf (labels[r], sizeof labels[r], "until the gradient is flat");
              se[r] = (HpSeries){ labels[r], x, y + r * nk, NULL, nk };
            }
          char title[128];
          snprintf (title, sizeof title,
                    "Denoising against MPF's stopping margin, n = %lu, m = %zu", a->n,
                    a->ms[0]);
          HpChart chart = { title,
                            { 0, 0, false, "bits flipped", true },
                            { -0.02, 1.05, false, "fraction recovered exactly", false },
                            se,
                            nm,
                            NULL,
                            0,
                            false };
          char msg[512];
          if (hp_chart_export (a->plot, 900, 560, &chart, msg, sizeof msg) != 0)
            rc = cli_fail (1, "%s", msg);
        }
      free (x);
      free (y);
      free (se);
      free (labels);
    }
  free (rows);
  return rc;
}
