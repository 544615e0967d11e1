/* hp-style.c: the built-in schemes and colour maps. */
#include "hp-style.h"

#include <math.h>
#include <string.h>

static HpRgba
rgb (unsigned hex)
{
  return (HpRgba){ ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0,
                   (hex & 0xff) / 255.0, 1.0 };
}

/* Okabe and Ito's colour-blind safe palette, darkened where it is too pale
 * on white; the dark scheme uses it as it is. */
static const unsigned series_light[HP_N_SERIES] = {
  0x0060a8, 0xc75000, 0x00896b, 0xb0407f, 0x5a4fb0, 0x8a6d00, 0x3b8fd0, 0x444444,
};
static const unsigned series_dark[HP_N_SERIES] = {
  0x56b4e9, 0xe69f00, 0x2fc9a0, 0xcc79a7, 0x9d94f0, 0xf0e442, 0x8fc8ff, 0xcccccc,
};

void
hp_style_init (HpStyle *style, HpScheme scheme)
{
  memset (style, 0, sizeof *style);
  strcpy (style->font_family, "Sans");
  style->font_size = 11;
  style->scale = 1;
  const unsigned *series = series_light;
  switch (scheme)
    {
    case HP_SCHEME_DARK:
      style->background = rgb (0x242424);
      style->foreground = rgb (0xf0f0f0);
      style->muted = rgb (0xb0b0b0);
      style->grid = rgb (0x4a4a4a);
      style->accent = rgb (0xffa348);
      style->on = rgb (0xf6f5f4);
      style->off = rgb (0x303030);
      style->bad = rgb (0xff7b63);
      series = series_dark;
      break;
    case HP_SCHEME_HIGH_CONTRAST:
      style->background = rgb (0xffffff);
      style->foreground = rgb (0x000000);
      style->muted = rgb (0x000000);
      style->grid = rgb (0x808080);
      style->accent = rgb (0xd00000);
      style->on = rgb (0x000000);
      style->off = rgb (0xffffff);
      style->bad = rgb (0xb00000);
      break;
    case HP_SCHEME_PROJECTOR:
      style->background = rgb (0xffffff);
      style->foreground = rgb (0x000000);
      style->muted = rgb (0x202020);
      style->grid = rgb (0xa0a0a0);
      style->accent = rgb (0xd04000);
      style->on = rgb (0x000000);
      style->off = rgb (0xffffff);
      style->bad = rgb (0xb00000);
      style->scale = 2;
      break;
    case HP_SCHEME_LIGHT:
    default:
      style->background = rgb (0xffffff);
      style->foreground = rgb (0x1e1e1e);
      style->muted = rgb (0x5e5c64);
      style->grid = rgb (0xdeddda);
      style->accent = rgb (0xe66100);
      style->on = rgb (0x1e1e1e);
      style->off = rgb (0xffffff);
      style->bad = rgb (0xc01c28);
      break;
    }
  for (int k = 0; k < HP_N_SERIES; k++)
    style->series[k] = rgb (series[k]);
}

HpRgba
hp_style_series (const HpStyle *style, size_t k)
{
  return style->series[k % HP_N_SERIES];
}

int
hp_style_dashes (const HpStyle *style, size_t k, double dashes[4])
{
  double u = 2 * style->scale;
  switch (k % 4)
    {
    case 0:
      return 0;
    case 1:
      dashes[0] = 4 * u;
      dashes[1] = 2 * u;
      return 2;
    case 2:
      dashes[0] = 1 * u;
      dashes[1] = 1.5 * u;
      return 2;
    default:
      dashes[0] = 4 * u;
      dashes[1] = 1.5 * u;
      dashes[2] = 1 * u;
      dashes[3] = 1.5 * u;
      return 4;
    }
}

HpRgba
hp_rgba_mix (HpRgba a, HpRgba b, double t)
{
  return (HpRgba){ a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t,
                   a.a + (b.a - a.a) * t };
}

static HpRgba
ramp (const unsigned *stops, int count, double t)
{
  if (!(t > 0))
    t = 0;
  if (t > 1)
    t = 1;
  double x = t * (count - 1);
  int i = (int)floor (x);
  if (i >= count - 1)
    i = count - 2;
  return hp_rgba_mix (rgb (stops[i]), rgb (stops[i + 1]), x - i);
}

HpRgba
hp_color_diverging (double v)
{
  /* blue (negative), white (zero), orange-red (positive) */
  static const unsigned stops[] = { 0x053061, 0x2166ac, 0x67a9cf, 0xd1e5f0, 0xf7f7f7,
                                    0xfddbc7, 0xef8a62, 0xb2182b, 0x67001f };
  return ramp (stops, 9, (v + 1) / 2);
}

HpRgba
hp_color_sequential (double t)
{
  /* a viridis-like ramp */
  static const unsigned stops[] = { 0x440154, 0x46327e, 0x365c8d, 0x277f8e,
                                    0x1fa187, 0x4ac16d, 0xa0da39, 0xfde725 };
  return ramp (stops, 8, t);
}

HpRgba
hp_color_categorical (size_t k)
{
  static const unsigned colors[] = {
    0x4e79a7, 0xf28e2b, 0x59a14f, 0xe15759, 0x76b7b2, 0xedc948,
    0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac, 0x1b9e77, 0xd95f02,
  };
  return rgb (colors[k % (sizeof colors / sizeof colors[0])]);
}
