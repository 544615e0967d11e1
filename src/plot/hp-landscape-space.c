/* hp-landscape-space.c: attractor colours and the state-space picture. */
#include "hp-landscape.h"

#include <math.h>
#include <stdlib.h>

HpRgba
hp_landscape_attractor_color (const HfLandscape *ls, size_t attractor)
{
  size_t count = 0;
  const HfAttractor *a = hf_landscape_attractors (ls, &count);
  if (attractor >= count)
    return (HpRgba){ 0.5, 0.5, 0.5, 1 };
  const HfAttractor *at = &a[attractor];
  if (at->kind == HF_OUTCOME_PATTERN)
    return hp_color_categorical ((size_t)at->pattern);
  if (at->kind == HF_OUTCOME_INVERSE)
    return hp_rgba_mix (hp_color_categorical ((size_t)at->pattern),
                        (HpRgba){ 1, 1, 1, 1 }, 0.6);
  /* spurious states and cycles: greys, neighbours in the list differ */
  double g = 0.3 + 0.45 * (double)((attractor * 5) % 8) / 7.0;
  return (HpRgba){ g, g, g, 1 };
}

static uint32_t
pack (HpRgba c)
{
  return 0xff000000u | (uint32_t)lround (c.r * 255) << 16
         | (uint32_t)lround (c.g * 255) << 8 | (uint32_t)lround (c.b * 255);
}

cairo_surface_t *
hp_landscape_space_image (const HfLandscape *ls, int max_side)
{
  size_t n = hf_landscape_n (ls), w, h, count = 0, block = 1;
  hf_landscape_layout (n, &w, &h);
  hf_landscape_attractors (ls, &count);
  const uint32_t *attractor_of = hf_landscape_attractor_of (ls);
  if (max_side < 1)
    max_side = 1;
  while (w / block > (size_t)max_side)
    block *= 2;
  size_t iw = w / block, ih = h / block ? h / block : 1;
  cairo_surface_t *img
      = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int)iw, (int)ih);
  uint32_t *colors = malloc ((count ? count : 1) * sizeof *colors);
  if (cairo_surface_status (img) != CAIRO_STATUS_SUCCESS || !colors)
    {
      free (colors);
      cairo_surface_destroy (img);
      return NULL;
    }
  for (size_t k = 0; k < count; k++)
    colors[k] = pack (hp_landscape_attractor_color (ls, k));
  unsigned char *data = cairo_image_surface_get_data (img);
  int stride = cairo_image_surface_get_stride (img);
  for (size_t py = 0; py < ih; py++)
    {
      uint32_t *out = (uint32_t *)(void *)(data + (size_t)stride * py);
      for (size_t px = 0; px < iw; px++)
        {
          if (block == 1)
            {
              out[px] = colors[attractor_of[hf_landscape_state_at (n, px, py)]];
              continue;
            }
          unsigned long r = 0, g = 0, b = 0, k = 0;
          for (size_t y = py * block; y < (py + 1) * block && y < h; y++)
            for (size_t x = px * block; x < (px + 1) * block; x++, k++)
              {
                uint32_t c = colors[attractor_of[hf_landscape_state_at (n, x, y)]];
                r += (c >> 16) & 0xff;
                g += (c >> 8) & 0xff;
                b += c & 0xff;
              }
          out[px] = k ? 0xff000000u | (uint32_t)(r / k) << 16 | (uint32_t)(g / k) << 8
                            | (uint32_t)(b / k)
                      : 0xff000000u;
        }
    }
  free (colors);
  cairo_surface_mark_dirty (img);
  return img;
}
