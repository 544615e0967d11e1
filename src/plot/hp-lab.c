/* hp-lab.c: the paper's figures from the experiment tables (see hp-lab.h). */
#include "config.h"

#include "hp-lab.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
hp_lab_chart_clear (HpLabChart *c)
{
  free (c->x);
  free (c->y);
  free (c->e);
  free (c->series);
  free (c->labels);
  memset (c, 0, sizeof *c);
}

/* x values (count), y and e (nseries x per), series and labels. */
static bool
alloc_chart (HpLabChart *c, size_t count, size_t nseries, size_t per, bool err)
{
  memset (c, 0, sizeof *c);
  size_t cells = nseries * per > 0 ? nseries * per : 1;
  c->x = calloc (count > 0 ? count : 1, sizeof *c->x);
  c->y = calloc (cells, sizeof *c->y);
  c->e = err ? calloc (cells, sizeof *c->e) : NULL;
  c->series = calloc (nseries > 0 ? nseries : 1, sizeof *c->series);
  c->labels = calloc (nseries > 0 ? nseries : 1, sizeof *c->labels);
  if (!c->x || !c->y || (err && !c->e) || !c->series || !c->labels)
    {
      hp_lab_chart_clear (c);
      return false;
    }
  c->chart.title = c->title;
  c->chart.series = c->series;
  c->chart.nseries = nseries;
  return true;
}

/* Points of series s filled when `done` rows of `per` each are. */
static size_t
filled (size_t done, size_t s, size_t per)
{
  return done <= s * per ? 0 : done - s * per >= per ? per : done - s * per;
}

static double
max_size (const size_t *v, size_t count)
{
  size_t m = 0;
  for (size_t k = 0; k < count; k++)
    m = v[k] > m ? v[k] : m;
  return (double)m;
}

static HpAxis
fraction_axis (const char *title)
{
  return (HpAxis){ -0.02, 1.05, false, title, false };
}

bool
hp_lab_capacity_chart (HpLabChart *c, const HfCapacityRow *rows, size_t done,
                       const HfRule *rules, size_t nrules, const size_t *ms, size_t nm,
                       size_t n, size_t trials, bool timing)
{
  if (!alloc_chart (c, nm, nrules, nm, true))
    return false;
  for (size_t r = 0; r < nm; r++)
    c->x[r] = (double)ms[r];
  for (size_t k = 0; k < nrules; k++)
    {
      size_t got = filled (done, k, nm);
      for (size_t r = 0; r < got; r++)
        {
          const HfCapacityRow *row = &rows[k * nm + r];
          c->y[k * nm + r] = timing ? row->seconds : row->fraction_stored;
          c->e[k * nm + r] = timing ? row->seconds_sd : row->fraction_sd;
        }
      c->series[k] = (HpSeries){ hf_rule_info (rules[k])->name, c->x, c->y + k * nm,
                                 c->e + k * nm, got };
    }
  snprintf (c->title, sizeof c->title, _ ("%s, n = %zu, %zu trials"),
            timing ? _ ("Training time (Fig. 2 right)")
                   : _ ("Patterns stored (Fig. 2 left)"),
            n, trials);
  snprintf (c->ref_labels[0], sizeof c->ref_labels[0], "0.138 n = %.1f",
            0.138 * (double)n);
  snprintf (c->ref_labels[1], sizeof c->ref_labels[1], "m = n = %zu", n);
  c->refs[0] = (HpRefLine){ 0.138 * (double)n, true, c->ref_labels[0] };
  c->refs[1] = (HpRefLine){ (double)n, true, c->ref_labels[1] };
  c->chart.refs = c->refs;
  c->chart.nrefs = 2;
  c->chart.x = (HpAxis){ 0, fmax (max_size (ms, nm), (double)n) * 1.04, false,
                         _ ("patterns m"), true };
  c->chart.y = timing ? (HpAxis){ 0, 0, true, _ ("training time (s)"), false }
                      : fraction_axis (_ ("fraction of patterns stored"));
  c->chart.legend_left = timing;
  return true;
}

bool
hp_lab_denoise_chart (HpLabChart *c, const HfDenoiseRow *rows, size_t done,
                      const HfRule *rules, size_t nrules, const size_t *ms, size_t nm,
                      const size_t *ks, size_t nk, size_t n, size_t trials)
{
  size_t nseries = nrules * nm;
  if (!alloc_chart (c, nk, nseries, nk, false))
    return false;
  for (size_t k = 0; k < nk; k++)
    c->x[k] = (double)ks[k];
  for (size_t s = 0; s < nseries; s++)
    {
      size_t got = filled (done, s, nk);
      for (size_t k = 0; k < got; k++)
        c->y[s * nk + k] = rows[s * nk + k].recovered;
      snprintf (c->labels[s], sizeof c->labels[s], "%s, m = %zu",
                hf_rule_info (rules[s / nm])->name, ms[s % nm]);
      c->series[s] = (HpSeries){ c->labels[s], c->x, c->y + s * nk, NULL, got };
    }
  snprintf (c->title, sizeof c->title, _ ("Exact recovery (Fig. 3), n = %zu, %zu trials"),
            n, trials);
  c->chart.x
      = (HpAxis){ 0, fmax (max_size (ks, nk), 1), false, _ ("bits flipped"), true };
  c->chart.y = fraction_axis (_ ("fraction recovered exactly"));
  return true;
}

bool
hp_lab_noisy_chart (HpLabChart *c, const HfNoisyRow *rows, size_t done,
                    const HfRule *rules, size_t nrules, const size_t *ms, size_t nm,
                    size_t n, size_t flips, size_t trials)
{
  size_t nseries = 2 * nrules;
  if (!alloc_chart (c, nm, nseries, nm, false))
    return false;
  for (size_t r = 0; r < nm; r++)
    c->x[r] = (double)ms[r];
  for (size_t s = 0; s < nseries; s++)
    {
      size_t k = s / 2, got = filled (done, k, nm);
      bool bits = s % 2 == 1;
      for (size_t r = 0; r < got; r++)
        c->y[s * nm + r]
            = bits ? rows[k * nm + r].bits_recalled : rows[k * nm + r].patterns_stored;
      snprintf (c->labels[s], sizeof c->labels[s], "%s, %s",
                hf_rule_info (rules[k])->name,
                bits ? _ ("bits recalled") : _ ("patterns stored"));
      c->series[s] = (HpSeries){ c->labels[s], c->x, c->y + s * nm, NULL, got };
    }
  snprintf (c->title, sizeof c->title,
            _ ("Learning from corrupted samples (Fig. 4), n = %zu, %zu bits flipped, %zu "
               "trials"),
            n, flips, trials);
  c->chart.x = (HpAxis){ 0, max_size (ms, nm) + 1, false, _ ("patterns m"), true };
  c->chart.y = fraction_axis (_ ("fraction"));
  return true;
}

bool
hp_lab_scaling_chart (HpLabChart *c, const HfScalingRow *rows, size_t done,
                      const size_t *ns, size_t count, size_t fit_from,
                      const char *rule_name, size_t trials, double *exponent)
{
  if (!alloc_chart (c, count, 2, count, true))
    return false;
  size_t got = done < count ? done : count;
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  int k = 0;
  for (size_t r = 0; r < count; r++)
    {
      c->x[r] = (double)ns[r];
      if (r >= got)
        continue;
      c->y[r] = rows[r].seconds;
      c->e[r] = rows[r].seconds_sd;
      if (rows[r].n >= fit_from && rows[r].seconds > 0)
        {
          double lx = log (c->x[r]), ly = log (c->y[r]);
          sx += lx;
          sy += ly;
          sxx += lx * lx;
          sxy += lx * ly;
          k++;
        }
    }
  double slope = NAN, den = k * sxx - sx * sx;
  if (k >= 2 && den > 0)
    slope = (k * sxy - sx * sy) / den;
  if (exponent)
    *exponent = slope;
  /* The fitted power law through the geometric mean of the fitted rows. */
  for (size_t r = 0; r < count; r++)
    c->y[count + r]
        = isfinite (slope) ? exp (sy / k + slope * (log (c->x[r]) - sx / k)) : NAN;
  snprintf (c->labels[1], sizeof c->labels[1], _ ("fit: n^%.2f"), slope);
  c->series[0] = (HpSeries){ rule_name, c->x, c->y, c->e, got };
  c->series[1] = (HpSeries){ c->labels[1], c->x, c->y + count, NULL,
                             isfinite (slope) ? count : 0 };
  snprintf (c->title, sizeof c->title, _ ("%s training time at m = n/4, %zu trials"),
            rule_name, trials);
  c->chart.x = (HpAxis){ 0, 0, true, _ ("neurons n"), false };
  if (count > 0)
    {
      c->chart.x.lo = (double)ns[0] / 1.2;
      c->chart.x.hi = max_size (ns, count) * 1.2;
    }
  c->chart.y = (HpAxis){ 0, 0, true, _ ("training time (s)"), false };
  c->chart.legend_left = true;
  return true;
}

bool
hp_lab_margin_chart (HpLabChart *c, const HfDenoiseRow *rows, size_t done,
                     const double *margins, size_t nmargins, const size_t *ks, size_t nk,
                     size_t n, size_t m)
{
  if (!alloc_chart (c, nk, nmargins, nk, false))
    return false;
  for (size_t k = 0; k < nk; k++)
    c->x[k] = (double)ks[k];
  for (size_t r = 0; r < nmargins; r++)
    {
      size_t got = filled (done, r, nk);
      for (size_t k = 0; k < got; k++)
        c->y[r * nk + k] = rows[r * nk + k].recovered;
      if (margins[r] > 0)
        snprintf (c->labels[r], sizeof c->labels[r], _ ("margin %g"), margins[r]);
      else
        snprintf (c->labels[r], sizeof c->labels[r], "%s",
                  _ ("until the gradient is flat"));
      c->series[r] = (HpSeries){ c->labels[r], c->x, c->y + r * nk, NULL, got };
    }
  snprintf (c->title, sizeof c->title,
            _ ("Denoising against MPF's stopping margin, n = %zu, m = %zu"), n, m);
  c->chart.x
      = (HpAxis){ 0, fmax (max_size (ks, nk), 1), false, _ ("bits flipped"), true };
  c->chart.y = fraction_axis (_ ("fraction recovered exactly"));
  return true;
}

/* ---- Fig. 1 ---- */
#define PANEL_GAP 4.0
#define IMAGE_GAP 16.0
#define HEADER 54.0
#define MIN_PITCH 58.0 /* room for a panel's label under small images */
#define LABEL 14.0
#define MAX_PANELS (2 + 2 * 8)

static size_t
panels_per_image (const HfImagesResult *res)
{
  size_t p = 2 + 2 * res->nrules;
  return p < MAX_PANELS ? p : MAX_PANELS;
}

static double
pitch_x (const HfImagesResult *res)
{
  return fmax ((double)res->width, MIN_PITCH) + PANEL_GAP;
}

static double
pitch_y (const HfImagesResult *res)
{
  return (double)res->height + LABEL + PANEL_GAP;
}

void
hp_lab_images_size (const HfImagesResult *res, size_t per_row, int *width, int *height)
{
  per_row = per_row > 0 ? per_row : 1;
  size_t cols = panels_per_image (res), rows = (res->count + per_row - 1) / per_row;
  *width = (int)fmax ((double)per_row * ((double)cols * pitch_x (res) + IMAGE_GAP) + 16,
                      640);
  *height = (int)(HEADER + (double)rows * pitch_y (res) + 16);
}

static void
draw_state (cairo_t *cr, const int8_t *s, size_t w, size_t h, double x, double y,
            const HpStyle *style)
{
  cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int)w, (int)h);
  unsigned char *data = cairo_image_surface_get_data (img);
  int stride = cairo_image_surface_get_stride (img);
  for (size_t r = 0; r < h; r++)
    for (size_t c = 0; c < w; c++)
      {
        HpRgba col = s[r * w + c] > 0 ? style->on : style->off;
        uint32_t px = ((uint32_t)(col.r * 255) << 16) | ((uint32_t)(col.g * 255) << 8)
                      | (uint32_t)(col.b * 255);
        memcpy (data + r * (size_t)stride + c * 4, &px, 4);
      }
  cairo_surface_mark_dirty (img);
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_set_source_surface (cr, img, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (img);
}

static const int8_t *
panel_state (const HfImagesResult *res, size_t k, size_t p)
{
  size_t n = res->n;
  if (p == 0)
    return res->training_copy + k * n;
  if (p == 1)
    return res->probe + k * n;
  const HfImagesRuleResult *rr = &res->rules[(p - 2) / 2];
  return (p % 2 == 0 ? rr->after_sweep : rr->converged) + k * n;
}

void
hp_lab_images_draw (cairo_t *cr, const HpStyle *style, const HfImagesResult *res,
                    size_t per_row)
{
  per_row = per_row > 0 ? per_row : 1;
  size_t cols = panels_per_image (res);
  double pw = pitch_x (res), ph = pitch_y (res);
  char title[256];
  snprintf (title, sizeof title,
            _ ("Fig. 1: %zu images learned from corrupted copies only"), res->count);
  hp_set_source (cr, style->foreground);
  hp_text (cr, style, 1.0, 8, 6, 0, 0, title);
  int len
      = snprintf (title, sizeof title, "%s", _ ("Per image: a training copy, the probe"));
  for (size_t r = 0; r < res->nrules && len > 0 && (size_t)len < sizeof title; r++)
    len += snprintf (title + len, sizeof title - (size_t)len,
                     _ ("; %s: one sweep, converged"),
                     hf_rule_info (res->rules[r].rule)->name);
  hp_set_source (cr, style->muted);
  hp_text (cr, style, 0.85, 8, 26, 0, 0, title);
  for (size_t k = 0; k < res->count; k++)
    {
      size_t row = k / per_row, col = k % per_row;
      double x0 = 8 + (double)col * ((double)cols * pw + IMAGE_GAP),
             y0 = HEADER + (double)row * ph;
      for (size_t p = 0; p < cols; p++)
        {
          char name[32];
          bool ok = true;
          if (p == 0)
            snprintf (name, sizeof name, _ ("%zu: copy"), k + 1);
          else if (p == 1)
            snprintf (name, sizeof name, "%s", _ ("probe"));
          else
            {
              const HfImagesRuleResult *rr = &res->rules[(p - 2) / 2];
              ok = p % 2 == 0 || rr->recall_ok[k];
              snprintf (name, sizeof name, "%.4s %s", hf_rule_info (rr->rule)->name,
                        p % 2 == 0 ? "1"
                        : ok       ? _ ("ok")
                                   : _ ("wrong"));
            }
          double x = x0 + (double)p * pw;
          draw_state (cr, panel_state (res, k, p), res->width, res->height, x, y0 + LABEL,
                      style);
          hp_set_source (cr, ok ? style->muted : style->bad);
          hp_text (cr, style, 0.7, x, y0 + LABEL - 1, 0, 1, name);
        }
    }
}

const int8_t *
hp_lab_images_hit (const HfImagesResult *res, size_t per_row, double x, double y,
                   size_t *image, size_t *panel)
{
  per_row = per_row > 0 ? per_row : 1;
  size_t cols = panels_per_image (res);
  double pw = pitch_x (res), ph = pitch_y (res), iw = (double)cols * pw + IMAGE_GAP;
  if (x < 8 || y < HEADER)
    return NULL;
  size_t col = (size_t)((x - 8) / iw), row = (size_t)((y - HEADER) / ph);
  double px = x - 8 - (double)col * iw, py = y - HEADER - (double)row * ph - LABEL;
  size_t p = (size_t)(px / pw), k = row * per_row + col;
  if (col >= per_row || k >= res->count || p >= cols || py < 0
      || py >= (double)res->height || px - (double)p * pw >= (double)res->width)
    return NULL;
  if (image)
    *image = k;
  if (panel)
    *panel = p;
  return panel_state (res, k, p);
}
