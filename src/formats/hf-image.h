/* hf-image.h: PNG and PBM images, and their conversion to patterns.
 *
 * An image is kept as luminance in [0, 1] (0 black, 1 white) with alpha
 * already composited over white. Converting to a pattern averages the
 * pixels each grid cell covers (area averaging) and thresholds: a cell
 * darker than the threshold is on (+1), as ink on paper.
 */
#pragma once

#include <stdbool.h>

#include "hf-patterns.h"

#define HF_IMAGE_MAX_SIDE 16384u
#define HF_IMAGE_MAX_PIXELS ((size_t)40 << 20) /* 40 Mpixel, 160 MiB of floats */
#define HF_IMAGE_MAX_FILE ((size_t)256 << 20)

typedef enum
{
  HF_IMAGE_PNG,
  HF_IMAGE_PBM,
} HfImageKind;

typedef struct
{
  size_t width, height;
  float *lum; /* width * height, row-major */
  HfImageKind kind;
  int bit_depth;  /* as stored in the file */
  int color_type; /* PNG colour type, or -1 for PBM */
  bool interlaced;
  bool has_alpha;
  char description[96]; /* "PNG 640x480 RGBA 8-bit, interlaced" */
} HfImage;

typedef enum
{
  HF_THRESHOLD_FIXED,
  HF_THRESHOLD_OTSU,
} HfThresholdMode;

HfImage *hf_image_decode (const unsigned char *data, size_t len, const char *name,
                          HfError *err);
HfImage *hf_image_load (const char *path, HfError *err);
void hf_image_free (HfImage *img);
/* True when the bytes look like a PNG or a PBM. */
bool hf_image_sniff (const unsigned char *data, size_t len);

/* Resizes to width x height by area averaging and thresholds. threshold
 * is in [0, 1] for HF_THRESHOLD_FIXED; used (may be NULL) receives the
 * threshold applied (Otsu's choice). invert swaps on and off. */
HfStatus hf_image_to_pattern (const HfImage *img, size_t width, size_t height,
                              HfThresholdMode mode, double threshold, bool invert,
                              int8_t *out, double *used, HfError *err);
/* Area-averaged luminance of the grid cells (width * height floats). */
HfStatus hf_image_resample (const HfImage *img, size_t width, size_t height, float *out,
                            HfError *err);
double hf_otsu_threshold (const float *lum, size_t count);

/* Resizes a pattern of sw x sh cells to width x height: each new cell is
 * on when more than half of the area it covers was on (area averaging, as
 * for images). Used when the grid size changes. */
HfStatus hf_state_resize (const int8_t *s, size_t sw, size_t sh, int8_t *out,
                          size_t width, size_t height, HfError *err);
/* A new set with every pattern of src resized to width x height. */
HfPatterns *hf_patterns_resize (const HfPatterns *src, size_t width, size_t height,
                                HfError *err);

/* Writers: on cells black. PNG is 8-bit gray with each cell scale pixels
 * wide; PBM is P4 (binary) or P1 (plain). Both are written atomically. */
HfStatus hf_png_encode_pattern (const int8_t *s, size_t width, size_t height,
                                unsigned scale, unsigned char **data, size_t *len,
                                HfError *err);
HfStatus hf_png_save_pattern (const char *path, const int8_t *s, size_t width,
                              size_t height, unsigned scale, HfError *err);
HfStatus hf_pbm_encode_pattern (const int8_t *s, size_t width, size_t height, bool plain,
                                unsigned char **data, size_t *len, HfError *err);
HfStatus hf_pbm_save_pattern (const char *path, const int8_t *s, size_t width,
                              size_t height, bool plain, HfError *err);
