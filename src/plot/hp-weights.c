/* hp-weights.c: J as a heat map, thresholds, legend, receptive field. */
#include "config.h"

#include "hp-weights.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "hp-colorbar.h"

double
hp_weights_scale (const HfNetwork *net)
{
  double m = 0;
  for (size_t k = 0; k < net->n * net->n; k++)
    m = fmax (m, fabs (net->J[k]));
  for (size_t i = 0; i < net->n; i++)
    m = fmax (m, fabs (net->theta[i]));
  return m > 0 && isfinite (m) ? m : 1;
}

static uint32_t
pack (HpRgba c)
{
  return 0xff000000u | (uint32_t)lround (c.r * 255) << 16
         | (uint32_t)lround (c.g * 255) << 8 | (uint32_t)lround (c.b * 255);
}

cairo_surface_t *
hp_weights_image (const HfNetwork *net, double scale, int max_side)
{
  size_t n = net->n, block = 1;
  if (max_side < 1)
    max_side = 1;
  while ((n + block - 1) / block > (size_t)max_side)
    block++;
  size_t side = (n + block - 1) / block;
  cairo_surface_t *img
      = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int)side, (int)side);
  if (cairo_surface_status (img) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (img);
      return NULL;
    }
  float *best = calloc (side, sizeof *best);
  if (!best)
    {
      cairo_surface_destroy (img);
      return NULL;
    }
  unsigned char *data = cairo_image_surface_get_data (img);
  int stride = cairo_image_surface_get_stride (img);
  for (size_t bi = 0; bi < side; bi++)
    {
      /* each pixel: the weight of largest magnitude in its block, sign
       * kept, so strong couplings stay visible (a mean would fade to 0) */
      size_t i0 = bi * block, i1 = i0 + block < n ? i0 + block : n;
      for (size_t bj = 0; bj < side; bj++)
        best[bj] = 0;
      for (size_t i = i0; i < i1; i++)
        {
          const float *row = net->J + i * n;
          for (size_t j = 0; j < n; j++)
            if (fabsf (row[j]) > fabsf (best[j / block]))
              best[j / block] = row[j];
        }
      uint32_t *out = (uint32_t *)(void *)(data + (size_t)stride * bi);
      for (size_t bj = 0; bj < side; bj++)
        out[bj] = pack (hp_color_diverging (best[bj] / scale));
    }
  free (best);
  cairo_surface_mark_dirty (img);
  return img;
}

/* Paints an image over a rectangle, crisp when enlarged. */
static void
paint_image (cairo_t *cr, cairo_surface_t *img, HpRect r)
{
  int iw = cairo_image_surface_get_width (img), ih = cairo_image_surface_get_height (img);
  cairo_save (cr);
  cairo_translate (cr, r.x, r.y);
  cairo_scale (cr, r.width / iw, r.height / ih);
  cairo_set_source_surface (cr, img, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr),
                            r.width >= iw ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_GOOD);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_rectangle (cr, 0, 0, iw, ih);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
frame (cairo_t *cr, const HpStyle *style, HpRect r)
{
  cairo_save (cr);
  cairo_set_line_width (cr, 1 * style->scale);
  hp_set_source (cr, style->muted);
  cairo_rectangle (cr, r.x - 0.5, r.y - 0.5, r.width + 1, r.height + 1);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* One column image of values coloured on the diverging scale. */
static cairo_surface_t *
strip_image (const float *v, size_t count, size_t columns, double scale)
{
  size_t rows = (count + columns - 1) / columns;
  cairo_surface_t *img
      = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int)columns, (int)rows);
  if (cairo_surface_status (img) != CAIRO_STATUS_SUCCESS)
    return img;
  unsigned char *data = cairo_image_surface_get_data (img);
  int stride = cairo_image_surface_get_stride (img);
  for (size_t k = 0; k < count; k++)
    ((uint32_t *)(void *)(data + (size_t)stride * (k / columns)))[k % columns]
        = pack (hp_color_diverging (v[k] / scale));
  cairo_surface_mark_dirty (img);
  return img;
}

HpWeightsLayout
hp_weights_draw (cairo_t *cr, const HpStyle *style, HpRect area, const HfNetwork *net,
                 cairo_surface_t *image, long neuron)
{
  HpWeightsLayout lay = { { 0 } };
  const double s = style->scale, pad = 8 * s;
  size_t n = net->n;
  double scale = hp_weights_scale (net), line_h;
  hp_text_extents (cr, style, 0.9, "Jg", NULL, &line_h);
  char buf[160];
  const char *bar_title = _ ("J and θ");
  double bar_w = hp_colorbar_width (cr, style, -scale, scale, bar_title);
  double strip_w = fmax (6 * s, 14 * s);
  double top = area.y + line_h + 4 * s, avail_h = area.height - (top - area.y) - pad;
  /* the matrix and the field share the width left by the strip and bar */
  double avail_w = area.width - strip_w - bar_w - 4 * pad;
  double side = fmin (avail_h, avail_w * 0.55);
  if (side < 20 || n == 0)
    return lay;
  lay.matrix = (HpRect){ area.x + pad / 2, top, side, side };
  lay.thresholds = (HpRect){ lay.matrix.x + side + pad / 2, top, strip_w, side };
  HpRect bar = { lay.thresholds.x + strip_w + pad, top - line_h - 4 * s, bar_w,
                 side + line_h + 4 * s };
  double fx = bar.x + bar_w + pad, fw = area.x + area.width - fx - pad / 2;
  double cell = fmin (fw / net->width, side / net->height);
  lay.field = (HpRect){ fx, top, cell * net->width, cell * net->height };

  cairo_save (cr);
  hp_set_source (cr, style->foreground);
  cairo_surface_t *own = image ? NULL : hp_weights_image (net, scale, (int)ceil (side));
  if (own)
    image = own;
  int shown = image ? cairo_image_surface_get_width (image) : (int)n;
  size_t block = shown > 0 ? (n + shown - 1) / shown : 1;
  if (block > 1)
    snprintf (buf, sizeof buf, _ ("J (%zu × %zu; strongest of each %zu × %zu block)"), n,
              n, block, block);
  else
    snprintf (buf, sizeof buf, _ ("J (%zu × %zu)"), n, n);
  hp_text (cr, style, 0.9, lay.matrix.x, area.y, 0, 0, buf);
  hp_text (cr, style, 0.9, lay.thresholds.x + strip_w / 2, area.y, 0.5, 0, "θ");
  if (image)
    paint_image (cr, image, lay.matrix);
  if (own)
    cairo_surface_destroy (own);
  frame (cr, style, lay.matrix);
  cairo_surface_t *th = strip_image (net->theta, n, 1, scale);
  paint_image (cr, th, lay.thresholds);
  cairo_surface_destroy (th);
  frame (cr, style, lay.thresholds);
  hp_colorbar_draw (cr, style, bar, HP_COLORBAR_DIVERGING, -scale, scale, bar_title);

  if (neuron >= 0 && (size_t)neuron < n)
    {
      /* mark the row in the matrix and the strip */
      double rh = side / n, y0 = top + neuron * rh;
      cairo_set_line_width (cr, 1.5 * s);
      hp_set_source (cr, style->accent);
      cairo_rectangle (cr, lay.matrix.x - 2 * s, y0 - 1 * s,
                       side + strip_w + pad / 2 + 4 * s, fmax (rh, 1) + 2 * s);
      cairo_stroke (cr);
      cairo_surface_t *f
          = strip_image (net->J + (size_t)neuron * n, n, net->width, scale);
      paint_image (cr, f, lay.field);
      cairo_surface_destroy (f);
      frame (cr, style, lay.field);
      size_t row = (size_t)neuron / net->width, col = (size_t)neuron % net->width;
      cairo_set_line_width (cr, fmax (1.5 * s, cell * 0.12));
      hp_set_source (cr, style->accent);
      cairo_rectangle (cr, lay.field.x + col * cell, lay.field.y + row * cell, cell,
                       cell);
      cairo_stroke (cr);
      hp_set_source (cr, style->foreground);
      snprintf (buf, sizeof buf, _ ("Neuron %ld (row %zu, column %zu, from 0): θ = %.3g"),
                neuron, row, col, (double)net->theta[neuron]);
      hp_text (cr, style, 0.9, fx, area.y, 0, 0, buf);
    }
  else
    {
      hp_set_source (cr, style->muted);
      hp_text (cr, style, 0.9, fx, area.y, 0, 0, _ ("Receptive field"));
      if (fw > 20 * s)
        hp_text_wrapped (
            cr, style, 0.9, fx + fw / 2, top + side / 2, fw,
            _ ("Point at a row of J to see that neuron's weights on the grid"));
    }
  cairo_restore (cr);
  return lay;
}

static bool
inside (HpRect r, double x, double y)
{
  return x >= r.x && y >= r.y && x < r.x + r.width && y < r.y + r.height;
}

long
hp_weights_neuron_at (const HpWeightsLayout *lay, const HfNetwork *net, double x,
                      double y)
{
  size_t n = net->n;
  if (n == 0)
    return -1;
  if ((inside (lay->matrix, x, y) || inside (lay->thresholds, x, y))
      && lay->matrix.height > 0)
    {
      long i = (long)((y - lay->matrix.y) / lay->matrix.height * n);
      return i >= 0 && (size_t)i < n ? i : -1;
    }
  return -1;
}
