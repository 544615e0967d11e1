/* hp-draw.c: Pango text, axes with nice ticks, legends, atomic export. */
#include "hp-draw.h"

#include <cairo-svg.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

void
hp_set_source (cairo_t *cr, HpRgba c)
{
  cairo_set_source_rgba (cr, c.r, c.g, c.b, c.a);
}

void
hp_set_source_alpha (cairo_t *cr, HpRgba c, double alpha)
{
  cairo_set_source_rgba (cr, c.r, c.g, c.b, c.a * alpha);
}

static PangoLayout *
make_layout (cairo_t *cr, const HpStyle *style, double size, const char *text,
             bool markup)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (style->font_family);
  pango_font_description_set_absolute_size (font, style->font_size * style->scale * size
                                                      * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
draw_layout (cairo_t *cr, const HpStyle *style, double size, double x, double y,
             double xalign, double yalign, const char *text, bool markup)
{
  PangoLayout *layout = make_layout (cr, style, size, text, markup);
  int w, h;
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - xalign * w, y - yalign * h);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
  return w;
}

double
hp_text (cairo_t *cr, const HpStyle *style, double size, double x, double y,
         double xalign, double yalign, const char *text)
{
  return draw_layout (cr, style, size, x, y, xalign, yalign, text, false);
}

double
hp_markup (cairo_t *cr, const HpStyle *style, double size, double x, double y,
           double xalign, double yalign, const char *markup)
{
  return draw_layout (cr, style, size, x, y, xalign, yalign, markup, true);
}

double
hp_text_wrapped (cairo_t *cr, const HpStyle *style, double size, double x, double y,
                 double width, const char *text)
{
  PangoLayout *layout = make_layout (cr, style, size, text, false);
  pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  int w, h;
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - width / 2, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
  return h;
}

double
hp_text_wrapped_height (cairo_t *cr, const HpStyle *style, double size, double width,
                        const char *text)
{
  PangoLayout *layout = make_layout (cr, style, size, text, false);
  pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  int w, h;
  pango_layout_get_pixel_size (layout, &w, &h);
  g_object_unref (layout);
  return h;
}

void
hp_text_vertical (cairo_t *cr, const HpStyle *style, double size, double x, double y,
                  const char *text)
{
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rotate (cr, -M_PI / 2);
  draw_layout (cr, style, size, 0, 0, 0.5, 0, text, false);
  cairo_restore (cr);
}

void
hp_text_extents (cairo_t *cr, const HpStyle *style, double size, const char *text,
                 double *width, double *height)
{
  PangoLayout *layout = make_layout (cr, style, size, text, false);
  int w, h;
  pango_layout_get_pixel_size (layout, &w, &h);
  g_object_unref (layout);
  if (width)
    *width = w;
  if (height)
    *height = h;
}

int
hp_nice_ticks (double lo, double hi, int max_ticks, bool log, double ticks[16])
{
  if (max_ticks > 16)
    max_ticks = 16;
  if (max_ticks < 2 || !isfinite (lo) || !isfinite (hi))
    return 0;
  if (hi < lo)
    {
      double t = lo;
      lo = hi;
      hi = t;
    }
  if (log)
    {
      if (!(lo > 0))
        return 0;
      int e0 = (int)ceil (log10 (lo) - 1e-9), e1 = (int)floor (log10 (hi) + 1e-9);
      int step = 1;
      while ((e1 - e0) / step + 1 > max_ticks)
        step++;
      int n = 0;
      for (int e = e0; e <= e1 && n < max_ticks; e += step)
        ticks[n++] = pow (10, e);
      return n;
    }
  if (hi - lo < 1e-300)
    {
      ticks[0] = lo;
      return 1;
    }
  double raw = (hi - lo) / (max_ticks - 1);
  double mag = pow (10, floor (log10 (raw)));
  double spacing = mag * 10;
  static const double steps[] = { 1, 2, 2.5, 5, 10 };
  for (int k = 0; k < 5; k++)
    if (steps[k] * mag >= raw)
      {
        spacing = steps[k] * mag;
        break;
      }
  double first = ceil (lo / spacing - 1e-9) * spacing;
  int n = 0;
  for (double v = first; v <= hi + spacing * 1e-9 && n < max_ticks; v += spacing)
    ticks[n++] = fabs (v) < spacing * 1e-9 ? 0 : v;
  return n;
}

void
hp_format_tick (double v, double spacing, char *buf, size_t size)
{
  char tmp[64];
  double a = fabs (v);
  if (a != 0 && (a >= 1e5 || a < 1e-3))
    snprintf (tmp, sizeof tmp, "%.2g", v);
  else
    {
      int digits = 0;
      if (spacing > 0 && spacing < 1)
        digits = (int)ceil (-log10 (spacing) - 1e-9);
      if (digits > 6)
        digits = 6;
      snprintf (tmp, sizeof tmp, "%.*f", digits, v);
    }
  /* a typographic minus sign (U+2212) */
  if (tmp[0] == '-')
    snprintf (buf, size, "\xe2\x88\x92%s", tmp + 1);
  else
    snprintf (buf, size, "%s", tmp);
}

double
hp_axis_map (const HpAxis *axis, double v, double p0, double p1)
{
  double lo = axis->lo, hi = axis->hi, t;
  if (axis->log)
    {
      lo = log10 (lo);
      hi = log10 (hi);
      v = v > 0 ? log10 (v) : lo;
    }
  t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
  return p0 + t * (p1 - p0);
}

double
hp_axis_unmap (const HpAxis *axis, double p, double p0, double p1)
{
  double t = p1 != p0 ? (p - p0) / (p1 - p0) : 0;
  if (axis->log)
    return pow (10, log10 (axis->lo) + t * (log10 (axis->hi) - log10 (axis->lo)));
  return axis->lo + t * (axis->hi - axis->lo);
}

static int
axis_ticks (const HpAxis *axis, int max_ticks, double ticks[16], double *spacing)
{
  int n = hp_nice_ticks (axis->lo, axis->hi, max_ticks, axis->log, ticks);
  if (axis->integer)
    {
      int m = 0;
      for (int k = 0; k < n; k++)
        if (fabs (ticks[k] - round (ticks[k])) < 1e-9)
          ticks[m++] = round (ticks[k]);
      n = m;
    }
  *spacing = n > 1 ? ticks[1] - ticks[0] : 1;
  return n;
}

HpRect
hp_axes_draw (cairo_t *cr, const HpStyle *style, HpRect outer, const HpAxis *x,
              const HpAxis *y)
{
  const double s = style->scale, pad = 4 * s, tick = 4 * s, small = 0.9;
  double xt[16], yt[16], xsp, ysp;
  double line_h;
  hp_text_extents (cr, style, small, "0", NULL, &line_h);
  /* fewer ticks when the area is small, about one per 40 (x: 70) pixels */
  int nx = axis_ticks (x, (int)fmax (2, fmin (8, outer.width / (70 * s))), xt, &xsp);
  int ny = axis_ticks (y, (int)fmax (2, fmin (8, outer.height / (40 * s))), yt, &ysp);
  char buf[64];
  double label_w = 0;
  for (int k = 0; k < ny; k++)
    {
      double w;
      hp_format_tick (yt[k], ysp, buf, sizeof buf);
      hp_text_extents (cr, style, small, buf, &w, NULL);
      label_w = fmax (label_w, w);
    }
  double left = outer.x + pad + label_w + tick + pad;
  if (y->title)
    left += line_h + pad;
  double bottom = outer.y + outer.height - pad - line_h - tick;
  if (x->title)
    bottom -= line_h + pad;
  double top = outer.y + pad + line_h / 2;
  double right = outer.x + outer.width - pad;
  /* room for the last x label's right half */
  if (nx > 0)
    {
      double w;
      hp_format_tick (xt[nx - 1], xsp, buf, sizeof buf);
      hp_text_extents (cr, style, small, buf, &w, NULL);
      double px = hp_axis_map (x, xt[nx - 1], left, right);
      if (px + w / 2 > outer.x + outer.width)
        right -= px + w / 2 - (outer.x + outer.width);
    }
  HpRect area = { left, top, fmax (1, right - left), fmax (1, bottom - top) };
  cairo_save (cr);
  cairo_set_line_width (cr, 1 * s);
  hp_set_source (cr, style->grid);
  for (int k = 0; k < nx; k++)
    {
      double px = round (hp_axis_map (x, xt[k], left, right)) + 0.5;
      cairo_move_to (cr, px, top);
      cairo_line_to (cr, px, bottom);
    }
  for (int k = 0; k < ny; k++)
    {
      double py = round (hp_axis_map (y, yt[k], bottom, top)) + 0.5;
      cairo_move_to (cr, left, py);
      cairo_line_to (cr, right, py);
    }
  cairo_stroke (cr);
  hp_set_source (cr, style->muted);
  cairo_rectangle (cr, round (left) + 0.5, round (top) + 0.5, round (area.width),
                   round (area.height));
  cairo_stroke (cr);
  for (int k = 0; k < nx; k++)
    {
      double px = round (hp_axis_map (x, xt[k], left, right)) + 0.5;
      cairo_move_to (cr, px, bottom);
      cairo_line_to (cr, px, bottom + tick);
      cairo_stroke (cr);
      hp_format_tick (xt[k], xsp, buf, sizeof buf);
      hp_text (cr, style, small, px, bottom + tick, 0.5, 0, buf);
    }
  for (int k = 0; k < ny; k++)
    {
      double py = round (hp_axis_map (y, yt[k], bottom, top)) + 0.5;
      cairo_move_to (cr, left - tick, py);
      cairo_line_to (cr, left, py);
      cairo_stroke (cr);
      hp_format_tick (yt[k], ysp, buf, sizeof buf);
      hp_text (cr, style, small, left - tick - pad / 2, py, 1, 0.5, buf);
    }
  hp_set_source (cr, style->foreground);
  if (x->title)
    hp_text (cr, style, 1, (left + right) / 2, outer.y + outer.height - pad, 0.5, 1,
             x->title);
  if (y->title)
    hp_text_vertical (cr, style, 1, outer.x + pad, (top + bottom) / 2, y->title);
  cairo_restore (cr);
  return area;
}

void
hp_legend_draw (cairo_t *cr, const HpStyle *style, HpRect area, bool left,
                const char *const *labels, size_t count)
{
  if (count == 0)
    return;
  const double s = style->scale, pad = 6 * s, swatch = 22 * s;
  double wmax = 0, h = 0;
  for (size_t k = 0; k < count; k++)
    {
      double w;
      hp_text_extents (cr, style, 0.9, labels[k], &w, &h);
      wmax = fmax (wmax, w);
    }
  double bw = pad * 3 + swatch + wmax, bh = pad * 2 + h * count;
  double bx = left ? area.x + pad : area.x + area.width - bw - pad, by = area.y + pad;
  cairo_save (cr);
  hp_set_source_alpha (cr, style->background, 0.85);
  cairo_rectangle (cr, bx, by, bw, bh);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1 * s);
  hp_set_source (cr, style->grid);
  cairo_stroke (cr);
  for (size_t k = 0; k < count; k++)
    {
      double cy = by + pad + h * (k + 0.5), dashes[4];
      int nd = hp_style_dashes (style, k, dashes);
      cairo_set_dash (cr, dashes, nd, 0);
      cairo_set_line_width (cr, 2 * s);
      hp_set_source (cr, hp_style_series (style, k));
      cairo_move_to (cr, bx + pad, cy);
      cairo_line_to (cr, bx + pad + swatch, cy);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      hp_set_source (cr, style->foreground);
      hp_text (cr, style, 0.9, bx + 2 * pad + swatch, cy, 0, 0.5, labels[k]);
    }
  cairo_restore (cr);
}

static cairo_status_t
write_stream (void *closure, const unsigned char *data, unsigned int length)
{
  return fwrite (data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS
                                                     : CAIRO_STATUS_WRITE_ERROR;
}

static bool
has_suffix (const char *s, const char *suffix)
{
  size_t n = strlen (s), m = strlen (suffix);
  return n >= m && strcasecmp (s + n - m, suffix) == 0;
}

int
hp_export (const char *path, int width, int height, const HpStyle *style, HpDrawFunc draw,
           void *data, char *message, size_t message_size)
{
  bool svg = has_suffix (path, ".svg");
  if (!svg && !has_suffix (path, ".png"))
    {
      snprintf (message, message_size, "%s: the name must end in .svg or .png", path);
      return -1;
    }
  if (width < 1 || height < 1 || width > 16384 || height > 16384)
    {
      snprintf (message, message_size, "%s: a picture of %d by %d pixels is impossible",
                path, width, height);
      return -1;
    }
  size_t len = strlen (path);
  char *tmp = malloc (len + 8);
  if (!tmp)
    {
      snprintf (message, message_size, "%s: out of memory", path);
      return -1;
    }
  memcpy (tmp, path, len);
  memcpy (tmp + len, ".XXXXXX", 8);
  int fd = mkstemp (tmp);
  /* mkstemp makes the file private; a picture is readable by all, as the
   * project's other saves (hf_file_write_atomic) are */
  if (fd >= 0)
    fchmod (fd, 0644);
  FILE *f = fd >= 0 ? fdopen (fd, "wb") : NULL;
  if (!f)
    {
      snprintf (message, message_size, "%s: %s", path, strerror (errno));
      if (fd >= 0)
        {
          close (fd);
          unlink (tmp);
        }
      free (tmp);
      return -1;
    }
  cairo_surface_t *surface
      = svg ? cairo_svg_surface_create_for_stream (write_stream, f, width, height)
            : cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  hp_set_source (cr, style->background);
  cairo_paint (cr);
  draw (cr, width, height, data);
  cairo_status_t status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && !svg)
    status = cairo_surface_write_to_png_stream (surface, write_stream, f);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  int failed = status != CAIRO_STATUS_SUCCESS;
  int saved_errno = 0;
  if (fflush (f) != 0 || fsync (fileno (f)) != 0)
    {
      failed = 1;
      saved_errno = errno;
    }
  if (fclose (f) != 0 && !failed)
    {
      failed = 1;
      saved_errno = errno;
    }
  if (!failed && rename (tmp, path) != 0)
    {
      failed = 1;
      saved_errno = errno;
    }
  if (failed)
    {
      unlink (tmp);
      snprintf (message, message_size, "%s: %s", path,
                saved_errno ? strerror (saved_errno) : cairo_status_to_string (status));
    }
  free (tmp);
  return failed ? -1 : 0;
}
