/* PNG through libpng's low-level API, so that png_set_user_limits bounds
 * what a hostile file can make us allocate. libpng reports errors by
 * longjmp; the only setjmp is in decode_png(), whose own allocations are
 * tracked in volatile locals and freed on that path, so no longjmp ever
 * crosses a frame of ours other than that one. */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hf-fileio.h"
#include "hf-image.h"

typedef struct
{
  const unsigned char *data;
  size_t len, pos;
  char message[200];
  char warning[160]; /* libpng's last warning, shown with an error as context */
} Reader;

static void
on_error (png_structp png, png_const_charp msg)
{
  Reader *r = png_get_error_ptr (png);
  if (r->warning[0] != '\0')
    snprintf (r->message, sizeof r->message, "%s (%s)", msg, r->warning);
  else
    snprintf (r->message, sizeof r->message, "%s", msg);
  png_longjmp (png, 1);
}

static void
on_warning (png_structp png, png_const_charp msg)
{
  /* Warnings (bad sRGB profile, CRC error in an ancillary chunk, ...) do
   * not stop the load; the last one is kept in case an error follows. */
  Reader *r = png_get_error_ptr (png);
  snprintf (r->warning, sizeof r->warning, "%s", msg);
}

static void
on_read (png_structp png, png_bytep out, size_t count)
{
  Reader *r = png_get_io_ptr (png);
  if (count > r->len - r->pos)
    png_error (png, "the file ends in the middle of the image data");
  memcpy (out, r->data + r->pos, count);
  r->pos += count;
}

static const char *
color_name (int ct)
{
  switch (ct)
    {
    case PNG_COLOR_TYPE_GRAY:
      return "gray";
    case PNG_COLOR_TYPE_GRAY_ALPHA:
      return "gray+alpha";
    case PNG_COLOR_TYPE_PALETTE:
      return "palette";
    case PNG_COLOR_TYPE_RGB:
      return "RGB";
    case PNG_COLOR_TYPE_RGB_ALPHA:
      return "RGBA";
    }
  return "unknown";
}

HfImage *hf_png_decode (const unsigned char *data, size_t len, const char *name,
                        HfError *err);

HfImage *
hf_png_decode (const unsigned char *data, size_t len, const char *name, HfError *err)
{
  /* The declared size, read from IHDR before libpng (which refuses sizes
   * beyond its user limits but only says "Invalid IHDR data"). */
  if (len >= 24 && memcmp (data + 12, "IHDR", 4) == 0)
    {
      unsigned long w = (unsigned long)data[16] << 24 | (unsigned long)data[17] << 16
                        | (unsigned long)data[18] << 8 | data[19];
      unsigned long h = (unsigned long)data[20] << 24 | (unsigned long)data[21] << 16
                        | (unsigned long)data[22] << 8 | data[23];
      if (w == 0 || h == 0)
        {
          hf_error_set (err, HF_EFORMAT, "%s: the PNG declares an empty %lux%lu image",
                        name, w, h);
          return NULL;
        }
      if (w > HF_IMAGE_MAX_SIDE || h > HF_IMAGE_MAX_SIDE
          || (unsigned long long)w * h > HF_IMAGE_MAX_PIXELS)
        {
          hf_error_set (
              err, HF_ERANGE,
              "%s: the PNG is %lux%lu pixels; at most %ux%u and %zu pixels are read",
              name, w, h, HF_IMAGE_MAX_SIDE, HF_IMAGE_MAX_SIDE, HF_IMAGE_MAX_PIXELS);
          return NULL;
        }
    }
  Reader r = { data, len, 0, "", "" };
  png_structp png
      = png_create_read_struct (PNG_LIBPNG_VER_STRING, &r, on_error, on_warning);
  png_infop info = png ? png_create_info_struct (png) : NULL;
  HfImage *volatile img = NULL;
  png_bytep *volatile rows = NULL;
  unsigned char *volatile pixels = NULL;
  if (png == NULL || info == NULL)
    {
      png_destroy_read_struct (&png, &info, NULL);
      hf_error_set (err, HF_ENOMEM, "%s: out of memory", name);
      return NULL;
    }
  if (setjmp (png_jmpbuf (png)))
    {
      free (rows);
      free (pixels);
      hf_image_free (img);
      png_destroy_read_struct (&png, &info, NULL);
      hf_error_set (err, HF_EFORMAT, "%s: not a readable PNG: %s", name, r.message);
      return NULL;
    }
  png_set_user_limits (png, HF_IMAGE_MAX_SIDE, HF_IMAGE_MAX_SIDE);
  png_set_chunk_malloc_max (png, (png_alloc_size_t)64 << 20);
  png_set_read_fn (png, &r, on_read);
  png_read_info (png, info);
  png_uint_32 w = png_get_image_width (png, info), h = png_get_image_height (png, info);
  int depth = png_get_bit_depth (png, info), ct = png_get_color_type (png, info);
  int interlace = png_get_interlace_type (png, info);
  bool trns = png_get_valid (png, info, PNG_INFO_tRNS) != 0;
  /* Checked again ourselves, before any pixel-sized allocation. */
  if (w == 0 || h == 0 || w > HF_IMAGE_MAX_SIDE || h > HF_IMAGE_MAX_SIDE
      || (size_t)w * h > HF_IMAGE_MAX_PIXELS)
    {
      snprintf (r.message, sizeof r.message,
                "%ux%u pixels is larger than the %zu allowed", w, h, HF_IMAGE_MAX_PIXELS);
      png_longjmp (png, 1);
    }
  /* Everything becomes 8-bit RGBA: palettes and low-depth gray expand,
   * tRNS becomes alpha, 16-bit samples scale down, gray becomes RGB. */
  png_set_expand (png);
  png_set_scale_16 (png);
  png_set_gray_to_rgb (png);
  png_set_add_alpha (png, 0xff, PNG_FILLER_AFTER);
  png_set_interlace_handling (png);
  png_read_update_info (png, info);
  if (png_get_rowbytes (png, info) != (size_t)w * 4)
    {
      snprintf (r.message, sizeof r.message, "unexpected row layout after conversion");
      png_longjmp (png, 1);
    }
  img = calloc (1, sizeof *img);
  pixels = malloc ((size_t)w * h * 4);
  rows = malloc (h * sizeof (png_bytep));
  if (img == NULL || pixels == NULL || rows == NULL
      || (img->lum = malloc ((size_t)w * h * sizeof (float))) == NULL)
    {
      snprintf (r.message, sizeof r.message, "out of memory for %ux%u pixels", w, h);
      png_longjmp (png, 1);
    }
  for (png_uint_32 y = 0; y < h; y++)
    rows[y] = pixels + (size_t)y * w * 4;
  png_read_image (png, rows);
  png_read_end (png, NULL);
  img->width = w;
  img->height = h;
  img->kind = HF_IMAGE_PNG;
  img->bit_depth = depth;
  img->color_type = ct;
  img->interlaced = interlace != PNG_INTERLACE_NONE;
  img->has_alpha = (ct & PNG_COLOR_MASK_ALPHA) != 0 || trns;
  snprintf (img->description, sizeof img->description, "PNG %ux%u %s %d-bit%s%s", w, h,
            color_name (ct), depth, trns ? ", transparency" : "",
            img->interlaced ? ", interlaced" : "");
  for (size_t k = 0; k < (size_t)w * h; k++)
    {
      const unsigned char *p = pixels + 4 * k;
      /* Rec. 709 luma, then composite over white with the alpha. */
      float y = (0.2126f * p[0] + 0.7152f * p[1] + 0.0722f * p[2]) / 255.0f;
      float a = p[3] / 255.0f;
      img->lum[k] = a * y + (1.0f - a);
    }
  free (rows);
  free (pixels);
  png_destroy_read_struct (&png, &info, NULL);
  return img;
}

typedef struct
{
  HfBuffer buf;
} Writer;

static void
on_write (png_structp png, png_bytep data, size_t len)
{
  Writer *w = png_get_io_ptr (png);
  hf_buffer_append (&w->buf, data, len);
  if (w->buf.failed)
    png_error (png, "out of memory");
}

static void
on_flush (png_structp png)
{
  (void)png;
}

HfStatus
hf_png_encode_pattern (const int8_t *s, size_t width, size_t height, unsigned scale,
                       unsigned char **data, size_t *len, HfError *err)
{
  if (scale == 0 || scale > 64 || width * scale > HF_IMAGE_MAX_SIDE
      || height * scale > HF_IMAGE_MAX_SIDE)
    return hf_error_set (err, HF_EINVAL, "a cell scale of %u does not fit a PNG", scale);
  Reader r = { NULL, 0, 0, "", "" };
  Writer w = { { 0 } };
  size_t W = width * scale;
  png_structp png
      = png_create_write_struct (PNG_LIBPNG_VER_STRING, &r, on_error, on_warning);
  png_infop info = png ? png_create_info_struct (png) : NULL;
  unsigned char *volatile row = malloc (W);
  if (png == NULL || info == NULL || row == NULL)
    {
      png_destroy_write_struct (&png, &info);
      free (row);
      return hf_error_set (err, HF_ENOMEM, "out of memory");
    }
  if (setjmp (png_jmpbuf (png)))
    {
      png_destroy_write_struct (&png, &info);
      free (row);
      hf_buffer_free (&w.buf);
      return hf_error_set (err, HF_EIO, "could not encode the PNG: %s", r.message);
    }
  png_set_write_fn (png, &w, on_write, on_flush);
  png_set_IHDR (png, info, (png_uint_32)W, (png_uint_32)(height * scale), 8,
                PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                PNG_FILTER_TYPE_DEFAULT);
  png_write_info (png, info);
  for (size_t y = 0; y < height; y++)
    {
      for (size_t x = 0; x < W; x++)
        row[x] = s[y * width + x / scale] > 0 ? 0 : 255;
      for (unsigned k = 0; k < scale; k++)
        png_write_row (png, row);
    }
  png_write_end (png, NULL);
  png_destroy_write_struct (&png, &info);
  free (row);
  *data = w.buf.data;
  *len = w.buf.len;
  return HF_OK;
}

HfStatus
hf_png_save_pattern (const char *path, const int8_t *s, size_t width, size_t height,
                     unsigned scale, HfError *err)
{
  unsigned char *data = NULL;
  size_t len = 0;
  HfStatus st = hf_png_encode_pattern (s, width, height, scale, &data, &len, err);
  return hf_file_write_owned (path, st, data, len, err);
}
