/* Tests of src/formats: text grids, network files, PNG, PBM. Files go
 * only into a fresh temporary directory per test, removed at its end. */
#include <dirent.h>
#include <ftw.h>
#include <png.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib.h>
#include <zlib.h>

#include "../hf-check.h"
#include "hf-fileio.h"
#include "hf-image.h"
#include "hf-netfile.h"
#include "hf-samples.h"
#include "hf-session.h"
#include "hf-text.h"

static int
remove_entry (const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
  return remove (path);
}

/* A fresh directory for one test's files; remove_tree () deletes it. */
static char *
fresh_dir (void)
{
  GError *error = NULL;
  char *dir = g_dir_make_tmp ("hf-formats-XXXXXX", &error);
  ck_assert_msg (dir != NULL, "%s", error ? error->message : "no temporary directory");
  return dir;
}

static void
remove_tree (char *dir)
{
  ck_assert_int_eq (nftw (dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS), 0);
  g_free (dir);
}

static int
count_entries (const char *dir)
{
  DIR *d = opendir (dir);
  ck_assert_ptr_nonnull (d);
  int count = 0;
  for (struct dirent *e; (e = readdir (d)) != NULL;)
    count += strcmp (e->d_name, ".") != 0 && strcmp (e->d_name, "..") != 0;
  closedir (d);
  return count;
}

START_TEST (test_text_round_trip)
{
  const char *text = "; two 3x2 patterns\n#.#\n.#.\n\n###\n...\n";
  HfError err;
  HfPatterns *set = hf_text_parse (text, strlen (text), "t", &err);
  ck_assert_ptr_nonnull (set);
  ck_assert_uint_eq (set->m, 2);
  ck_assert_uint_eq (set->width, 3);
  ck_assert_uint_eq (set->height, 2);
  ck_assert_int_eq (hf_patterns_get (set, 0)[0], 1);
  ck_assert_int_eq (hf_patterns_get (set, 0)[1], -1);
  char *out = hf_text_format (set);
  HfPatterns *again = hf_text_parse (out, strlen (out), "t2", &err);
  ck_assert_uint_eq (again->m, 2);
  ck_assert_mem_eq (again->data, set->data, 12);
  free (out);
  hf_patterns_free (again);
  hf_patterns_free (set);
  const char *bad[]
      = { "#.#\n.#\n", "#a#\n", "##\n##\n\n###\n###\n", "", "\n\n; only\n" };
  const char *why[] = { "expected", "unexpected character", "cells where 2", "no pattern",
                        "no pattern" };
  for (int k = 0; k < 5; k++)
    {
      ck_assert_ptr_null (hf_text_parse (bad[k], strlen (bad[k]), "bad", &err));
      ck_assert_msg (strstr (err.message, why[k]) != NULL, "%d: %s", k, err.message);
    }
}
END_TEST

START_TEST (test_samples)
{
  for (const HfSample *s = hf_samples; s->name; s++)
    {
      HfError err;
      HfPatterns *set = hf_sample_load (s->name, &err);
      ck_assert_msg (set != NULL, "%s: %s", s->name, err.message);
      ck_assert_uint_eq (set->m, strcmp (s->name, "fingerprints-64") == 0 ? 80 : 10);
      ck_assert (set->width == 16 || set->width == 32 || set->width == 64);
      hf_patterns_free (set);
    }
  HfError err;
  ck_assert_ptr_null (hf_sample_load ("nope", &err));
}
END_TEST

static HfNetwork *
sample_network (size_t w, size_t h)
{
  HfNetwork *net = hf_network_new (w, h, NULL);
  gsl_rng *rng = test_rng (5);
  test_random_network (net, 1.0, 1.0, rng);
  gsl_rng_free (rng);
  strcpy (net->summary.rule, "mpf");
  net->summary.patterns = 12;
  net->summary.stored = 11;
  net->summary.iterations = 34;
  net->summary.objective = 0.125;
  net->summary.seconds = 2.5;
  return net;
}

START_TEST (test_netfile_round_trip)
{
  HfNetwork *net = sample_network (5, 3);
  unsigned char *a, *b;
  size_t la, lb;
  ck_assert_int_eq (hf_netfile_encode (net, &a, &la, NULL), HF_OK);
  ck_assert_uint_eq (la, hf_netfile_size (15));
  HfError err;
  HfNetwork *back = hf_netfile_decode (a, la, "mem", &err);
  ck_assert_ptr_nonnull (back);
  ck_assert_mem_eq (back->J, net->J, 15 * 15 * sizeof (float));
  ck_assert_mem_eq (back->theta, net->theta, 15 * sizeof (float));
  ck_assert_str_eq (back->summary.rule, "mpf");
  ck_assert_uint_eq (back->summary.stored, 11);
  ck_assert_double_eq (back->summary.seconds, 2.5);
  ck_assert_uint_eq (back->width, 5);
  hf_netfile_encode (back, &b, &lb, NULL);
  ck_assert_uint_eq (la, lb);
  ck_assert_mem_eq (a, b, la);
  /* through the disk, atomically */
  char *dir = fresh_dir (), *path = g_build_filename (dir, "rt.hfnet", NULL);
  ck_assert_int_eq (hf_netfile_save (path, net, &err), HF_OK);
  HfNetwork *disk = hf_netfile_load (path, &err);
  ck_assert_ptr_nonnull (disk);
  ck_assert_mem_eq (disk->J, net->J, 15 * 15 * sizeof (float));
  hf_network_free (disk);
  g_free (path);
  remove_tree (dir);
  free (a);
  free (b);
  hf_network_free (back);
  hf_network_free (net);
}
END_TEST

static void
fix_crc (unsigned char *d, size_t len)
{
  uLong crc = crc32 (0, d, (uInt)(len - 4));
  d[len - 4] = crc & 0xff;
  d[len - 3] = (crc >> 8) & 0xff;
  d[len - 2] = (crc >> 16) & 0xff;
  d[len - 1] = (crc >> 24) & 0xff;
}

static void
put_u32 (unsigned char *p, unsigned long v)
{
  for (int k = 0; k < 4; k++)
    p[k] = (v >> (8 * k)) & 0xff;
}

static void
expect_reject (const unsigned char *d, size_t len, const char *needle)
{
  HfError err = { 0 };
  HfNetwork *net = hf_netfile_decode (d, len, "f", &err);
  ck_assert_msg (net == NULL, "accepted a bad file (expected: %s)", needle);
  ck_assert_msg (strstr (err.message, needle) != NULL, "message '%s' lacks '%s'",
                 err.message, needle);
}

START_TEST (test_netfile_rejects)
{
  HfNetwork *net = sample_network (4, 2);
  unsigned char *d;
  size_t len;
  hf_netfile_encode (net, &d, &len, NULL);
  unsigned char *c = malloc (len + 8);
  /* every truncation */
  for (size_t k = 0; k < len; k++)
    {
      HfError err;
      ck_assert_ptr_null (hf_netfile_decode (d, k, "f", &err));
    }
  memcpy (c, d, len);
  c[len] = 0;
  expect_reject (c, len + 1, "trailing data");
  /* every single-byte corruption of the body is caught */
  for (size_t k = 8; k < len; k++)
    {
      memcpy (c, d, len);
      c[k] ^= 0x40;
      HfError err;
      ck_assert_msg (hf_netfile_decode (c, len, "f", &err) == NULL, "byte %zu", k);
    }
  memcpy (c, d, len);
  c[1] = 'X';
  expect_reject (c, len, "bad magic");
  memcpy (c, d, len);
  put_u32 (c + 8, 2);
  fix_crc (c, len);
  expect_reject (c, len, "version 2");
  memcpy (c, d, len);
  put_u32 (c + 20, 3);
  fix_crc (c, len);
  expect_reject (c, len, "impossible size");
  memcpy (c, d, len);
  c[HF_NETFILE_HEADER + 3] = 0x7f; /* exponent all ones: NaN or Inf */
  c[HF_NETFILE_HEADER + 2] = 0xc0;
  fix_crc (c, len);
  expect_reject (c, len, "NaN");
  memcpy (c, d, len);
  memset (c + 32, 'a', 32);
  fix_crc (c, len);
  expect_reject (c, len, "not terminated");
  memcpy (c, d, len);
  c[40] = 'x'; /* after "mpf\0" */
  fix_crc (c, len);
  expect_reject (c, len, "padding");
  memcpy (c, d, len);
  c[100] = 1;
  fix_crc (c, len);
  expect_reject (c, len, "reserved");
  /* absurd declared sizes are refused before allocating n^2 values */
  memcpy (c, d, len);
  put_u32 (c + 16, 1u << 30);
  put_u32 (c + 20, 1u << 15);
  put_u32 (c + 24, 1u << 15);
  fix_crc (c, len);
  expect_reject (c, len, "impossible size");
  memcpy (c, d, len);
  put_u32 (c + 16, 16384);
  put_u32 (c + 20, 128);
  put_u32 (c + 24, 128);
  fix_crc (c, len);
  expect_reject (c, len, "truncated");
  free (c);
  free (d);
  hf_network_free (net);
}
END_TEST

START_TEST (test_atomic_save_keeps_old_file)
{
  HfError err;
  char *dir = fresh_dir ();
  char *f = g_build_filename (dir, "f", NULL), *sub = g_build_filename (dir, "dir", NULL);
  ck_assert_int_eq (hf_file_write_atomic (f, "old", 3, &err), HF_OK);
  /* A save that cannot complete (its target is a directory) fails with a
   * message and leaves no temporary file behind. */
  ck_assert_int_eq (mkdir (sub, 0755), 0);
  ck_assert_int_eq (hf_file_write_atomic (sub, "new", 3, &err), HF_EIO);
  ck_assert_ptr_nonnull (strstr (err.message, "unchanged"));
  char *missing = g_build_filename (dir, "no", "such", "f", NULL);
  ck_assert_int_eq (hf_file_write_atomic (missing, "x", 1, &err), HF_EIO);
  unsigned char *data;
  size_t len;
  ck_assert_int_eq (hf_file_read (f, 100, &data, &len, &err), HF_OK);
  ck_assert_uint_eq (len, 3);
  ck_assert_mem_eq (data, "old", 3);
  free (data);
  ck_assert_int_eq (hf_file_read (f, 2, &data, &len, &err), HF_ERANGE);
  ck_assert_int_eq (count_entries (dir), 2);
  g_free (missing);
  g_free (f);
  g_free (sub);
  remove_tree (dir);
}
END_TEST

/* ---- PNG: write one image in every colour type and depth ---- */

typedef struct
{
  unsigned char *data;
  size_t len;
} Mem;

static void
mem_write (png_structp png, png_bytep d, size_t n)
{
  Mem *m = png_get_io_ptr (png);
  m->data = realloc (m->data, m->len + n);
  memcpy (m->data + m->len, d, n);
  m->len += n;
}

static void
mem_flush (png_structp png)
{
  (void)png;
}

/* An image w x h whose left half is dark (ink) and right half light,
 * encoded with the given type, depth and interlacing. Alpha variants
 * make the right half transparent (over white: light). */
static Mem
make_png (int ct, int depth, int interlace, size_t w, size_t h)
{
  Mem m = { 0 };
  png_structp png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  png_infop info = png_create_info_struct (png);
  png_set_write_fn (png, &m, mem_write, mem_flush);
  png_set_IHDR (png, info, (png_uint_32)w, (png_uint_32)h, depth, ct, interlace,
                PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  if (ct == PNG_COLOR_TYPE_PALETTE)
    {
      png_color pal[2] = { { 10, 10, 10 }, { 250, 250, 250 } };
      png_set_PLTE (png, info, pal, 2);
    }
  png_write_info (png, info);
  if (depth == 16)
    png_set_swap (png); /* we fill samples in host (little-endian) order */
  int channels = ct == PNG_COLOR_TYPE_GRAY || ct == PNG_COLOR_TYPE_PALETTE ? 1
                 : ct == PNG_COLOR_TYPE_GRAY_ALPHA                         ? 2
                 : ct == PNG_COLOR_TYPE_RGB                                ? 3
                                                                           : 4;
  size_t rowbytes = png_get_rowbytes (png, info);
  unsigned char *row = calloc (1, rowbytes + 8);
  int passes = png_set_interlace_handling (png);
  for (int pass = 0; pass < passes; pass++)
    for (size_t y = 0; y < h; y++)
      {
        memset (row, 0, rowbytes);
        for (size_t x = 0; x < w; x++)
          {
            bool dark = x < w / 2;
            unsigned maxv = (1u << depth) - 1;
            for (int c = 0; c < channels; c++)
              {
                bool alpha = (ct & PNG_COLOR_MASK_ALPHA) && c == channels - 1;
                unsigned v;
                if (ct == PNG_COLOR_TYPE_PALETTE)
                  v = dark ? 0 : 1;
                else if (alpha)
                  v = dark ? maxv : 0; /* right half fully transparent */
                else if (ct & PNG_COLOR_MASK_ALPHA)
                  v = dark ? 0 : 0; /* colour under transparency is black */
                else
                  v = dark ? maxv / 16 : maxv;
                size_t bit = (x * (size_t)channels + (size_t)c) * (size_t)depth;
                if (depth == 16)
                  {
                    row[bit / 8] = v & 0xff;
                    row[bit / 8 + 1] = v >> 8;
                  }
                else if (depth == 8)
                  row[bit / 8] = (unsigned char)v;
                else
                  row[bit / 8] |= (unsigned char)(v << (8 - depth - bit % 8));
              }
          }
        png_write_row (png, row);
      }
  png_write_end (png, NULL);
  png_destroy_write_struct (&png, &info);
  free (row);
  return m;
}

START_TEST (test_png_every_colour_type)
{
  const struct
  {
    int ct, depth;
  } kinds[] = {
    { PNG_COLOR_TYPE_GRAY, 1 },        { PNG_COLOR_TYPE_GRAY, 2 },
    { PNG_COLOR_TYPE_GRAY, 4 },        { PNG_COLOR_TYPE_GRAY, 8 },
    { PNG_COLOR_TYPE_GRAY, 16 },       { PNG_COLOR_TYPE_GRAY_ALPHA, 8 },
    { PNG_COLOR_TYPE_GRAY_ALPHA, 16 }, { PNG_COLOR_TYPE_PALETTE, 1 },
    { PNG_COLOR_TYPE_PALETTE, 2 },     { PNG_COLOR_TYPE_PALETTE, 4 },
    { PNG_COLOR_TYPE_PALETTE, 8 },     { PNG_COLOR_TYPE_RGB, 8 },
    { PNG_COLOR_TYPE_RGB, 16 },        { PNG_COLOR_TYPE_RGB_ALPHA, 8 },
    { PNG_COLOR_TYPE_RGB_ALPHA, 16 },
  };
  for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
    for (int il = 0; il < 2; il++)
      {
        Mem m = make_png (kinds[k].ct, kinds[k].depth, il ? PNG_INTERLACE_ADAM7 : 0, 37,
                          23);
        HfError err;
        HfImage *img = hf_image_decode (m.data, m.len, "gen", &err);
        ck_assert_msg (img != NULL, "type %d depth %d: %s", kinds[k].ct, kinds[k].depth,
                       err.message);
        ck_assert_uint_eq (img->width, 37);
        ck_assert_int_eq (img->interlaced, il);
        int8_t s[4 * 4];
        ck_assert_int_eq (hf_image_to_pattern (img, 4, 4, HF_THRESHOLD_FIXED, 0.5, false,
                                               s, NULL, &err),
                          HF_OK);
        for (int y = 0; y < 4; y++)
          for (int x = 0; x < 4; x++)
            ck_assert_msg (s[y * 4 + x] == (x < 2 ? 1 : -1),
                           "type %d depth %d cell %d,%d", kinds[k].ct, kinds[k].depth, x,
                           y);
        hf_image_free (img);
        free (m.data);
      }
}
END_TEST

START_TEST (test_png_malformed)
{
  Mem m = make_png (PNG_COLOR_TYPE_RGB, 8, 0, 40, 30);
  HfError err;
  /* every truncation: an error, never a crash */
  for (size_t k = 0; k < m.len; k += 3)
    {
      HfImage *img = hf_image_decode (m.data, k, "trunc", &err);
      if (img == NULL)
        ck_assert_int_ne (err.code, HF_OK);
      hf_image_free (img);
    }
  /* A flipped bit anywhere after the signature: the chunk CRCs catch it
   * (an error with a message), or it lies where the decoder never looks
   * (after the image data), and then the image is exactly the original. */
  HfImage *orig = hf_image_decode (m.data, m.len, "orig", &err);
  ck_assert_ptr_nonnull (orig);
  unsigned char *c = malloc (m.len);
  size_t refused = 0;
  for (size_t k = 8; k < m.len; k += 5)
    {
      memcpy (c, m.data, m.len);
      c[k] ^= 0x10;
      hf_error_clear (&err);
      HfImage *img = hf_image_decode (c, m.len, "crc", &err);
      if (img == NULL)
        {
          ck_assert_int_ne (err.code, HF_OK);
          ck_assert_msg (err.message[0] != '\0', "no message for byte %zu", k);
          refused++;
        }
      else
        {
          ck_assert_uint_eq (img->width, orig->width);
          ck_assert_uint_eq (img->height, orig->height);
          ck_assert_msg (
              memcmp (img->lum, orig->lum, orig->width * orig->height * sizeof (float))
                  == 0,
              "flipping byte %zu of %zu changed the pixels silently", k, m.len);
        }
      hf_image_free (img);
    }
  /* every byte up to the end of the image data is guarded */
  ck_assert_uint_ge (refused, (m.len - 8 - 12) / 5);
  hf_image_free (orig);
  /* huge declared size: IHDR says 100000 x 100000, CRC recomputed */
  memcpy (c, m.data, m.len);
  unsigned char *ihdr = c + 16;
  unsigned long big = 100000;
  for (int k = 0; k < 2; k++)
    {
      ihdr[4 * k] = (unsigned char)(big >> 24);
      ihdr[4 * k + 1] = (unsigned char)(big >> 16);
      ihdr[4 * k + 2] = (unsigned char)(big >> 8);
      ihdr[4 * k + 3] = (unsigned char)big;
    }
  uLong crc = crc32 (0, c + 12, 17);
  c[29] = (unsigned char)(crc >> 24);
  c[30] = (unsigned char)(crc >> 16);
  c[31] = (unsigned char)(crc >> 8);
  c[32] = (unsigned char)crc;
  ck_assert_ptr_null (hf_image_decode (c, m.len, "huge", &err));
  ck_assert_ptr_nonnull (strstr (err.message, "huge: the PNG is 100000x100000 pixels"));
  free (c);
  free (m.data);
  /* 1x1 is fine; 100000x1 is refused with a message */
  m = make_png (PNG_COLOR_TYPE_GRAY, 8, 0, 1, 1);
  HfImage *one = hf_image_decode (m.data, m.len, "1x1", &err);
  ck_assert_ptr_nonnull (one);
  hf_image_free (one);
  free (m.data);
  m = make_png (PNG_COLOR_TYPE_GRAY, 1, 0, 100000, 1);
  ck_assert_ptr_null (hf_image_decode (m.data, m.len, "wide", &err));
  ck_assert_ptr_nonnull (strstr (err.message, "wide"));
  free (m.data);
  ck_assert_ptr_null (hf_image_decode ((const unsigned char *)"GIF89a", 6, "gif", &err));
  ck_assert_ptr_nonnull (strstr (err.message, "not a PNG or PBM"));
}
END_TEST

START_TEST (test_pbm_round_trip)
{
  gsl_rng *rng = test_rng (8);
  int8_t s[13 * 7], t[13 * 7];
  hf_state_random (s, 13 * 7, 0.5, rng);
  for (int plain = 0; plain < 2; plain++)
    {
      unsigned char *d;
      size_t len;
      ck_assert_int_eq (hf_pbm_encode_pattern (s, 13, 7, plain, &d, &len, NULL), HF_OK);
      HfError err;
      HfImage *img = hf_image_decode (d, len, "pbm", &err);
      ck_assert_ptr_nonnull (img);
      hf_image_to_pattern (img, 13, 7, HF_THRESHOLD_FIXED, 0.5, false, t, NULL, &err);
      ck_assert_mem_eq (s, t, sizeof s);
      hf_image_free (img);
      /* truncated raw data and junk pixels are errors */
      if (!plain)
        ck_assert_ptr_null (hf_image_decode (d, len - 1, "short", &err));
      free (d);
    }
  /* PNG writer round trip, with a cell scale */
  unsigned char *d;
  size_t len;
  ck_assert_int_eq (hf_png_encode_pattern (s, 13, 7, 3, &d, &len, NULL), HF_OK);
  HfError err;
  HfImage *img = hf_image_decode (d, len, "png", &err);
  ck_assert_uint_eq (img->width, 39);
  hf_image_to_pattern (img, 13, 7, HF_THRESHOLD_OTSU, 0, false, t, NULL, &err);
  ck_assert_mem_eq (s, t, sizeof s);
  hf_image_free (img);
  free (d);
  const char *bad[] = { "P1\n2 2\n1 0 1", "P1\n0 5\n", "P4\n99999999 99999999\n",
                        "P1\n2 2\n1 0 1 7", "P3\n1 1\n255\n0 0 0\n" };
  for (int k = 0; k < 5; k++)
    ck_assert_ptr_null (
        hf_image_decode ((const unsigned char *)bad[k], strlen (bad[k]), "b", &err));
  gsl_rng_free (rng);
}
END_TEST

START_TEST (test_resample_and_otsu)
{
  HfImage img = { 4, 4, NULL, HF_IMAGE_PBM, 1, -1, false, false, "" };
  float lum[16];
  for (int k = 0; k < 16; k++)
    lum[k] = (float)(((k / 4) + (k % 4)) % 2); /* checkerboard */
  img.lum = lum;
  float out[4];
  hf_image_resample (&img, 2, 2, out, NULL);
  for (int k = 0; k < 4; k++)
    ck_assert_float_eq_tol (out[k], 0.5f, 1e-6f);
  float up[9 * 9];
  hf_image_resample (&img, 9, 9, up, NULL); /* upscaling averages partial pixels */
  ck_assert_float_eq_tol (up[0], 0.0f, 1e-6f);
  float bimodal[100];
  for (int k = 0; k < 100; k++)
    bimodal[k] = k < 30 ? 0.2f : 0.9f;
  double t = hf_otsu_threshold (bimodal, 100);
  ck_assert (t > 0.2 && t < 0.9);
  /* a two-tone image: the threshold sits in the middle of the empty gap,
   * not against the dark class (the studio's slider showed 0.00) */
  float two_tone[64];
  for (int k = 0; k < 64; k++)
    two_tone[k] = (k % 8) < 4 ? 0.0f : 1.0f;
  ck_assert_double_eq_tol (hf_otsu_threshold (two_tone, 64), 0.5, 1.0 / 255);
  ck_assert_double_eq_tol (hf_otsu_threshold (bimodal, 100), (0.2 + 0.9) / 2, 1.0 / 255);
}
END_TEST

/* Changing the grid resizes patterns by area: a cell is on when more than
 * half of what it covers was on. */
START_TEST (test_pattern_resize)
{
  /* 4x4 with the top-left 2x2 block on */
  int8_t s[16];
  for (int k = 0; k < 16; k++)
    s[k] = (k / 4 < 2 && k % 4 < 2) ? 1 : -1;
  int8_t small[4];
  ck_assert_int_eq (hf_state_resize (s, 4, 4, small, 2, 2, NULL), HF_OK);
  const int8_t want_small[4] = { 1, -1, -1, -1 };
  ck_assert_mem_eq (small, want_small, 4);
  /* back up to 4x4: the same block */
  int8_t big[16];
  ck_assert_int_eq (hf_state_resize (small, 2, 2, big, 4, 4, NULL), HF_OK);
  ck_assert_mem_eq (big, s, 16);
  /* 3x3 -> 2x2: each new cell covers 1.5 x 1.5 old cells; the centre
   * cell alone is a quarter of each, so it does not turn them on */
  int8_t centre[9] = { -1, -1, -1, -1, 1, -1, -1, -1, -1 };
  ck_assert_int_eq (hf_state_resize (centre, 3, 3, small, 2, 2, NULL), HF_OK);
  const int8_t off[4] = { -1, -1, -1, -1 };
  ck_assert_mem_eq (small, off, 4);
  /* exactly half on stays off (more than half is needed) */
  int8_t half[4] = { 1, -1, 1, -1 };
  int8_t one[1];
  ck_assert_int_eq (hf_state_resize (half, 2, 2, one, 1, 1, NULL), HF_OK);
  ck_assert_int_eq (one[0], -1);
  half[1] = 1;
  ck_assert_int_eq (hf_state_resize (half, 2, 2, one, 1, 1, NULL), HF_OK);
  ck_assert_int_eq (one[0], 1);
  /* a whole set: every pattern, in order */
  HfPatterns *set = hf_sample_load ("digits-32", NULL);
  ck_assert_ptr_nonnull (set);
  HfError err;
  HfPatterns *r = hf_patterns_resize (set, 16, 16, &err);
  ck_assert_ptr_nonnull (r);
  ck_assert_uint_eq (r->m, set->m);
  ck_assert_uint_eq (r->width, 16);
  ck_assert_uint_eq (r->height, 16);
  for (size_t k = 0; k < r->m; k++)
    {
      int8_t one_pattern[256];
      hf_state_resize (hf_patterns_get (set, k), 32, 32, one_pattern, 16, 16, NULL);
      ck_assert_mem_eq (hf_patterns_get (r, k), one_pattern, 256);
    }
  hf_patterns_free (r);
  ck_assert_ptr_null (hf_patterns_resize (set, 0, 16, &err));
  ck_assert_int_eq (err.code, HF_EINVAL);
  ck_assert_int_eq (hf_state_resize (s, 4, 4, big, 200, 200, &err), HF_EINVAL);
  hf_patterns_free (set);
}
END_TEST

START_TEST (test_session_round_trip)
{
  HfSession ss = { 0 };
  hf_session_settings_init (&ss.settings);
  ss.settings.mode = 3;
  ss.settings.temperature = 0.75;
  ss.library = hf_sample_load ("letters-16", NULL);
  ss.probe = g_memdup2 (hf_patterns_get (ss.library, 2), 256);
  ss.source = g_memdup2 (hf_patterns_get (ss.library, 3), 256);
  ss.clamp = g_malloc0 (256);
  ss.clamp[17] = ss.clamp[200] = 1;
  ss.net = sample_network (16, 16);
  unsigned char *a, *b;
  size_t la, lb;
  HfError err;
  ck_assert_int_eq (hf_session_encode (&ss, &a, &la, &err), HF_OK);
  HfSession *back = hf_session_decode (a, la, "s", &err);
  ck_assert_msg (back != NULL, "%s", err.message);
  ck_assert_uint_eq (back->library->m, 10);
  ck_assert_mem_eq (back->library->data, ss.library->data, 2560);
  ck_assert_mem_eq (back->probe, ss.probe, 256);
  ck_assert_mem_eq (back->source, ss.source, 256);
  ck_assert_mem_eq (back->clamp, ss.clamp, 256);
  ck_assert_mem_eq (back->net->J, ss.net->J, 256 * 256 * sizeof (float));
  ck_assert_double_eq (back->settings.temperature, 0.75);
  ck_assert_uint_eq (back->settings.mode, 3);
  ck_assert_int_eq (hf_session_encode (back, &b, &lb, &err), HF_OK);
  ck_assert_uint_eq (la, lb);
  ck_assert_mem_eq (a, b, la);
  /* every truncation and every flipped byte is refused */
  for (size_t k = 0; k < la; k += 97)
    ck_assert_ptr_null (hf_session_decode (a, k, "s", &err));
  for (size_t k = 8; k < la; k += 89)
    {
      a[k] ^= 0x21;
      ck_assert_ptr_null (hf_session_decode (a, la, "s", &err));
      a[k] ^= 0x21;
    }
  /* a setting out of range, with a valid checksum */
  a[28] = 99; /* rule */
  uLong crc = crc32 (0, a, (uInt)(la - 4));
  for (int k = 0; k < 4; k++)
    a[la - 4 + k] = (crc >> (8 * k)) & 0xff;
  ck_assert_ptr_null (hf_session_decode (a, la, "s", &err));
  ck_assert_ptr_nonnull (strstr (err.message, "out of range"));
  /* through the disk, and without a network or clamps */
  hf_network_free (ss.net);
  ss.net = NULL;
  g_free (ss.clamp);
  ss.clamp = NULL;
  char *dir = fresh_dir (), *path = g_build_filename (dir, "s.hfsession", NULL);
  ck_assert_int_eq (hf_session_save (path, &ss, &err), HF_OK);
  HfSession *disk = hf_session_load (path, &err);
  ck_assert_ptr_nonnull (disk);
  ck_assert_ptr_null (disk->net);
  ck_assert_ptr_null (disk->clamp);
  hf_session_free (disk);
  g_free (path);
  remove_tree (dir);
  hf_session_free (back);
  free (a);
  free (b);
  g_free (ss.probe);
  g_free (ss.source);
  hf_patterns_free (ss.library);
}
END_TEST

/* A lesson's title, notes and view travel in the session (version 2);
 * version 1 files still open; bad text is refused both ways. */
START_TEST (test_session_notes)
{
  HfSession ss = { 0 };
  hf_session_settings_init (&ss.settings);
  ss.library = hf_sample_load ("digits-16", NULL);
  ss.probe = g_memdup2 (hf_patterns_get (ss.library, 3), 256);
  ss.source = g_memdup2 (hf_patterns_get (ss.library, 3), 256);
  ss.title = g_strdup ("Spurious states \xe2\x80\x94 and inverses");
  ss.notes = g_strdup ("# Show\n- press *Play*\n\tthen look at E = \xe2\x88\x92\xc2\xbd "
                       "s\xe1\xb5\x80Js\n");
  ss.view = g_strdup ("landscape");
  unsigned char *a;
  size_t la;
  HfError err;
  ck_assert_int_eq (hf_session_encode (&ss, &a, &la, &err), HF_OK);
  ck_assert_uint_eq (hf_get_u32 (a + 8), HF_SESSION_VERSION);
  HfSession *back = hf_session_decode (a, la, "s", &err);
  ck_assert_msg (back != NULL, "%s", err.message);
  ck_assert_str_eq (back->title, ss.title);
  ck_assert_str_eq (back->notes, ss.notes);
  ck_assert_str_eq (back->view, ss.view);
  hf_session_free (back);
  /* every truncation inside the notes is refused */
  for (size_t k = la - 80; k < la; k++)
    ck_assert_ptr_null (hf_session_decode (a, k, "s", &err));
  /* invalid UTF-8 inside the notes, with a valid checksum */
  unsigned char *star = memchr (a + la - 80, '*', 70);
  ck_assert_ptr_nonnull (star);
  *star = 0xc0;
  fix_crc (a, la);
  ck_assert_ptr_null (hf_session_decode (a, la, "s", &err));
  ck_assert_ptr_nonnull (strstr (err.message, "UTF-8"));
  free (a);
  /* the encoder refuses bad text, overlong text and control characters */
  const char *bad[]
      = { "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "a\x01b", "\xe2\x88" };
  for (size_t k = 0; k < G_N_ELEMENTS (bad); k++)
    {
      g_free (ss.title);
      ss.title = g_strdup (bad[k]);
      ck_assert_int_eq (hf_session_encode (&ss, &a, &la, &err), HF_EINVAL);
    }
  g_free (ss.title);
  ss.title = g_strnfill (HF_SESSION_TITLE_MAX + 1, 'x');
  ck_assert_int_eq (hf_session_encode (&ss, &a, &la, &err), HF_EINVAL);
  /* a title alone (no notes, no view) round-trips */
  g_free (ss.title);
  ss.title = g_strdup ("Only a title");
  g_clear_pointer (&ss.notes, g_free);
  g_clear_pointer (&ss.view, g_free);
  ck_assert_int_eq (hf_session_encode (&ss, &a, &la, &err), HF_OK);
  back = hf_session_decode (a, la, "s", &err);
  ck_assert_ptr_nonnull (back);
  ck_assert_str_eq (back->title, "Only a title");
  ck_assert_ptr_null (back->notes);
  ck_assert_ptr_null (back->view);
  hf_session_free (back);
  free (a);
  /* without notes, a version 1 file (as older studios wrote) still opens */
  g_clear_pointer (&ss.title, g_free);
  g_clear_pointer (&ss.notes, g_free);
  g_clear_pointer (&ss.view, g_free);
  ck_assert_int_eq (hf_session_encode (&ss, &a, &la, &err), HF_OK);
  a[8] = 1;
  fix_crc (a, la);
  back = hf_session_decode (a, la, "s", &err);
  ck_assert_msg (back != NULL, "%s", err.message);
  ck_assert_ptr_null (back->title);
  ck_assert_ptr_null (back->notes);
  hf_session_free (back);
  /* but a version 1 file cannot claim notes */
  a[24] |= 4;
  fix_crc (a, la);
  ck_assert_ptr_null (hf_session_decode (a, la, "s", &err));
  free (a);
  g_free (ss.probe);
  g_free (ss.source);
  hf_patterns_free (ss.library);
}
END_TEST

static Suite *
formats_suite (void)
{
  Suite *s = suite_create ("formats");
  TCase *tc = tcase_create ("core");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_text_round_trip);
  tcase_add_test (tc, test_samples);
  tcase_add_test (tc, test_netfile_round_trip);
  tcase_add_test (tc, test_netfile_rejects);
  tcase_add_test (tc, test_atomic_save_keeps_old_file);
  tcase_add_test (tc, test_png_every_colour_type);
  tcase_add_test (tc, test_png_malformed);
  tcase_add_test (tc, test_pbm_round_trip);
  tcase_add_test (tc, test_resample_and_otsu);
  tcase_add_test (tc, test_pattern_resize);
  tcase_add_test (tc, test_session_round_trip);
  tcase_add_test (tc, test_session_notes);
  suite_add_tcase (s, tc);
  return s;
}

HF_TEST_MAIN (formats_suite)
