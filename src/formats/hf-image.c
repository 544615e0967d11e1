#include "hf-image.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hf-fileio.h"

HfImage *hf_png_decode (const unsigned char *data, size_t len, const char *name,
                        HfError *err);

static const unsigned char png_magic[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

bool
hf_image_sniff (const unsigned char *data, size_t len)
{
  /* every netpbm variant is recognised, so that PGM/PPM get their own
   * message instead of being read as a text grid */
  return (len >= 8 && memcmp (data, png_magic, 8) == 0)
         || (len >= 2 && data[0] == 'P' && data[1] >= '1' && data[1] <= '7');
}

void
hf_image_free (HfImage *img)
{
  if (img == NULL)
    return;
  free (img->lum);
  free (img);
}

/* ---- PBM (P1 plain, P4 raw) ---- */

typedef struct
{
  const unsigned char *p, *end;
} Cursor;

static void
skip_space (Cursor *c)
{
  while (c->p < c->end)
    {
      if (*c->p == '#')
        while (c->p < c->end && *c->p != '\n')
          c->p++;
      else if (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'
               || *c->p == '\v' || *c->p == '\f')
        c->p++;
      else
        break;
    }
}

static bool
read_uint (Cursor *c, size_t *out)
{
  skip_space (c);
  size_t v = 0;
  const unsigned char *start = c->p;
  while (c->p < c->end && *c->p >= '0' && *c->p <= '9')
    {
      if (v > 100000000)
        return false;
      v = v * 10 + (size_t)(*c->p - '0');
      c->p++;
    }
  *out = v;
  return c->p > start;
}

static HfImage *
pbm_decode (const unsigned char *data, size_t len, const char *name, HfError *err)
{
  Cursor c = { data + 2, data + len };
  bool plain = data[1] == '1';
  size_t w, h;
  if (!read_uint (&c, &w) || !read_uint (&c, &h))
    {
      hf_error_set (err, HF_EFORMAT, "%s: PBM header without a valid width and height",
                    name);
      return NULL;
    }
  if (w == 0 || h == 0 || w > HF_IMAGE_MAX_SIDE || h > HF_IMAGE_MAX_SIDE
      || w * h > HF_IMAGE_MAX_PIXELS)
    {
      hf_error_set (err, HF_EFORMAT,
                    "%s: PBM size %zux%zu is empty or larger than allowed", name, w, h);
      return NULL;
    }
  if (!plain)
    {
      /* Exactly one whitespace byte separates the header from raw data. */
      if (c.p >= c.end)
        {
          hf_error_set (err, HF_EFORMAT, "%s: PBM without pixel data", name);
          return NULL;
        }
      c.p++;
      size_t stride = (w + 7) / 8;
      if ((size_t)(c.end - c.p) < stride * h)
        {
          hf_error_set (err, HF_EFORMAT,
                        "%s: truncated PBM: %zu bytes of pixels where %zu are "
                        "needed",
                        name, (size_t)(c.end - c.p), stride * h);
          return NULL;
        }
    }
  HfImage *img = calloc (1, sizeof *img);
  if (img == NULL || (img->lum = malloc (w * h * sizeof (float))) == NULL)
    {
      hf_image_free (img);
      hf_error_set (err, HF_ENOMEM, "%s: out of memory", name);
      return NULL;
    }
  img->width = w;
  img->height = h;
  img->kind = HF_IMAGE_PBM;
  img->bit_depth = 1;
  img->color_type = -1;
  snprintf (img->description, sizeof img->description, "PBM %s %zux%zu",
            plain ? "P1 (plain)" : "P4 (raw)", w, h);
  if (plain)
    {
      for (size_t k = 0; k < w * h; k++)
        {
          skip_space (&c);
          if (c.p >= c.end || (*c.p != '0' && *c.p != '1'))
            {
              hf_image_free (img);
              hf_error_set (err, HF_EFORMAT,
                            "%s: PBM pixel %zu of %zu is missing or not 0/1", name, k + 1,
                            w * h);
              return NULL;
            }
          img->lum[k] = *c.p == '1' ? 0.0f : 1.0f; /* PBM: 1 is black */
          c.p++;
        }
    }
  else
    {
      size_t stride = (w + 7) / 8;
      for (size_t y = 0; y < h; y++)
        for (size_t x = 0; x < w; x++)
          {
            unsigned bit = (c.p[y * stride + x / 8] >> (7 - x % 8)) & 1u;
            img->lum[y * w + x] = bit ? 0.0f : 1.0f;
          }
    }
  return img;
}

HfImage *
hf_image_decode (const unsigned char *data, size_t len, const char *name, HfError *err)
{
  if (len >= 8 && memcmp (data, png_magic, 8) == 0)
    return hf_png_decode (data, len, name, err);
  if (len >= 2 && data[0] == 'P' && (data[1] == '1' || data[1] == '4'))
    return pbm_decode (data, len, name, err);
  if (len >= 2 && data[0] == 'P' && data[1] >= '2' && data[1] <= '7')
    hf_error_set (err, HF_EFORMAT,
                  "%s: a PGM/PPM/PAM file (P%c); only PBM (P1, P4) and PNG are "
                  "read",
                  name, data[1]);
  else
    hf_error_set (err, HF_EFORMAT, "%s: not a PNG or PBM image", name);
  return NULL;
}

HfImage *
hf_image_load (const char *path, HfError *err)
{
  unsigned char *data;
  size_t len;
  if (hf_file_read (path, HF_IMAGE_MAX_FILE, &data, &len, err) != HF_OK)
    return NULL;
  HfImage *img = hf_image_decode (data, len, path, err);
  free (data);
  return img;
}

/* ---- resampling and thresholds ---- */

/* Area averaging of a sw x sh grid of values onto width x height cells:
 * each output cell averages the source area it covers, with fractional
 * weights at its edges, exact for up- and down-scaling. */
static void
area_average (const float *src, size_t sw, size_t sh, size_t width, size_t height,
              float *out)
{
  double sx = (double)sw / (double)width, sy = (double)sh / (double)height;
  for (size_t cy = 0; cy < height; cy++)
    {
      double y0 = cy * sy, y1 = y0 + sy;
      for (size_t cx = 0; cx < width; cx++)
        {
          double x0 = cx * sx, x1 = x0 + sx, sum = 0.0, area = 0.0;
          for (size_t y = (size_t)y0; y < sh && (double)y < y1; y++)
            {
              double wy = fmin (y1, (double)y + 1) - fmax (y0, (double)y);
              if (wy <= 0)
                continue;
              for (size_t x = (size_t)x0; x < sw && (double)x < x1; x++)
                {
                  double wx = fmin (x1, (double)x + 1) - fmax (x0, (double)x);
                  if (wx <= 0)
                    continue;
                  sum += wx * wy * src[y * sw + x];
                  area += wx * wy;
                }
            }
          out[cy * width + cx] = area > 0 ? (float)(sum / area) : 1.0f;
        }
    }
}

HfStatus
hf_image_resample (const HfImage *img, size_t width, size_t height, float *out,
                   HfError *err)
{
  if (width == 0 || height == 0 || width * height > HF_MAX_NEURONS)
    return hf_error_set (err, HF_EINVAL, "cannot resize to %zux%zu", width, height);
  area_average (img->lum, img->width, img->height, width, height, out);
  return HF_OK;
}

HfStatus
hf_state_resize (const int8_t *s, size_t sw, size_t sh, int8_t *out, size_t width,
                 size_t height, HfError *err)
{
  if (sw == 0 || sh == 0 || sw * sh > HF_MAX_NEURONS)
    return hf_error_set (err, HF_EINVAL, "cannot resize a %zux%zu pattern", sw, sh);
  if (width == 0 || height == 0 || width * height > HF_MAX_NEURONS)
    return hf_error_set (err, HF_EINVAL, "cannot resize to %zux%zu", width, height);
  float *on = malloc ((sw * sh + width * height) * sizeof (float));
  if (on == NULL)
    return hf_error_set (err, HF_ENOMEM, "out of memory");
  /* the fraction of each new cell that was on */
  float *cells = on + sw * sh;
  for (size_t k = 0; k < sw * sh; k++)
    on[k] = s[k] > 0 ? 1.0f : 0.0f;
  area_average (on, sw, sh, width, height, cells);
  for (size_t k = 0; k < width * height; k++)
    out[k] = cells[k] > 0.5f ? 1 : -1;
  free (on);
  return HF_OK;
}

HfPatterns *
hf_patterns_resize (const HfPatterns *src, size_t width, size_t height, HfError *err)
{
  HfPatterns *dst = hf_patterns_new (width, height, err);
  if (dst == NULL)
    return NULL;
  int8_t *s = malloc (width * height);
  if (s == NULL)
    {
      hf_patterns_free (dst);
      hf_error_set (err, HF_ENOMEM, "out of memory");
      return NULL;
    }
  for (size_t k = 0; k < src->m; k++)
    if (hf_state_resize (hf_patterns_get (src, k), src->width, src->height, s, width,
                         height, err)
            != HF_OK
        || hf_patterns_append (dst, s, err) != HF_OK)
      {
        free (s);
        hf_patterns_free (dst);
        return NULL;
      }
  free (s);
  return dst;
}

double
hf_otsu_threshold (const float *lum, size_t count)
{
  size_t hist[256] = { 0 };
  for (size_t k = 0; k < count; k++)
    {
      int b = (int)lrintf (fminf (fmaxf (lum[k], 0.0f), 1.0f) * 255.0f);
      hist[b]++;
    }
  double total = (double)count, sum_all = 0.0;
  for (int b = 0; b < 256; b++)
    sum_all += b * (double)hist[b];
  double w0 = 0.0, sum0 = 0.0, best = -1.0;
  int best_b = 127, best_last = 127;
  for (int b = 0; b < 255; b++)
    {
      w0 += (double)hist[b];
      sum0 += b * (double)hist[b];
      double w1 = total - w0;
      if (w0 == 0.0 || w1 == 0.0)
        continue;
      double m0 = sum0 / w0, m1 = (sum_all - sum0) / w1;
      double between = w0 * w1 * (m0 - m1) * (m0 - m1);
      if (between > best * (1 + 1e-12))
        {
          best = between;
          best_b = best_last = b;
        }
      else if (between >= best * (1 - 1e-12))
        best_last = b; /* the same split: empty bins between the classes */
    }
  /* Cells at or below best_b form the dark class: the threshold sits in the
   * middle of the empty gap above it (a two-tone image gets 0.5, not a
   * value hugging the dark class). */
  return ((best_b + best_last) / 2.0 + 0.5) / 255.0;
}

HfStatus
hf_image_to_pattern (const HfImage *img, size_t width, size_t height,
                     HfThresholdMode mode, double threshold, bool invert, int8_t *out,
                     double *used, HfError *err)
{
  if (mode == HF_THRESHOLD_FIXED && !(threshold >= 0.0 && threshold <= 1.0))
    return hf_error_set (err, HF_EINVAL, "the threshold must be in [0, 1] (got %g)",
                         threshold);
  float *cells = malloc (width * height * sizeof (float));
  if (cells == NULL)
    return hf_error_set (err, HF_ENOMEM, "out of memory");
  HfStatus st = hf_image_resample (img, width, height, cells, err);
  if (st == HF_OK)
    {
      double t = mode == HF_THRESHOLD_OTSU ? hf_otsu_threshold (cells, width * height)
                                           : threshold;
      for (size_t k = 0; k < width * height; k++)
        {
          bool dark = cells[k] < t;
          out[k] = (dark != invert) ? 1 : -1;
        }
      if (used != NULL)
        *used = t;
    }
  free (cells);
  return st;
}

HfStatus
hf_pbm_encode_pattern (const int8_t *s, size_t width, size_t height, bool plain,
                       unsigned char **data, size_t *len, HfError *err)
{
  HfBuffer b = { 0 };
  char head[64];
  int hl
      = snprintf (head, sizeof head, "%s\n%zu %zu\n", plain ? "P1" : "P4", width, height);
  hf_buffer_append (&b, head, (size_t)hl);
  for (size_t y = 0; y < height; y++)
    {
      if (plain)
        {
          for (size_t x = 0; x < width; x++)
            hf_buffer_append (&b, s[y * width + x] > 0 ? "1" : "0", 1);
          hf_buffer_append (&b, "\n", 1);
        }
      else
        for (size_t x = 0; x < width; x += 8)
          {
            unsigned char byte = 0;
            for (size_t k = 0; k < 8 && x + k < width; k++)
              if (s[y * width + x + k] > 0)
                byte |= (unsigned char)(0x80u >> k);
            hf_buffer_append (&b, &byte, 1);
          }
    }
  if (b.failed)
    {
      hf_buffer_free (&b);
      return hf_error_set (err, HF_ENOMEM, "out of memory");
    }
  *data = b.data;
  *len = b.len;
  return HF_OK;
}

HfStatus
hf_pbm_save_pattern (const char *path, const int8_t *s, size_t width, size_t height,
                     bool plain, HfError *err)
{
  unsigned char *data = NULL;
  size_t len = 0;
  HfStatus st = hf_pbm_encode_pattern (s, width, height, plain, &data, &len, err);
  return hf_file_write_owned (path, st, data, len, err);
}
