/* hs-plot-style.c: the plot library's style from a widget's colour and font. */
#include "hs-plot-style.h"

#include <string.h>

#include <pango/pangocairo.h>

#include "hs-style.h"

/* GTK 4.10 deprecates the style context, but the build targets 4.8
 * (GDK_VERSION_MIN_REQUIRED), where it is the way to read a CSS colour. */
static void
widget_color (GtkWidget *widget, GdkRGBA *fg)
{
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), fg);
}

/* A named colour of the theme (GTK 4.8's Adwaita and HighContrast define
 * theme_bg_color, theme_base_color, theme_text_color...), made opaque over
 * under; FALSE when the theme does not name it. */
static gboolean
theme_color (GtkWidget *widget, const char *name, HpRgba under, HpRgba *out)
{
  GdkRGBA c;
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, &c))
    return FALSE;
  *out = hp_rgba_mix (under, (HpRgba){ c.red, c.green, c.blue, 1 }, c.alpha);
  out->a = 1;
  return TRUE;
}

void
hs_plot_style_from_widget (GtkWidget *widget, HpStyle *style)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (style != NULL);
  GdkRGBA fg;
  widget_color (widget, &fg);
  double luminance = 0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue;
  bool dark = luminance > 0.5;
  bool high_contrast = hs_style_is_high_contrast ();
  hp_style_init (style, high_contrast ? HP_SCHEME_HIGH_CONTRAST
                        : dark        ? HP_SCHEME_DARK
                                      : HP_SCHEME_LIGHT);
  if (high_contrast && dark)
    {
      /* HighContrast with a dark preference: the dark scheme's series and
       * accent, the high-contrast muted text and strong grid */
      HpStyle d;
      hp_style_init (&d, HP_SCHEME_DARK);
      memcpy (style->series, d.series, sizeof style->series);
      style->accent = d.accent;
      style->bad = d.bad;
    }
  HpRgba c = { fg.red, fg.green, fg.blue, fg.alpha };
  style->foreground = c;
  style->muted = (HpRgba){ c.r, c.g, c.b, c.a * (high_contrast ? 1.0 : 0.75) };
  style->grid = (HpRgba){ c.r, c.g, c.b, c.a * (high_contrast ? 0.45 : 0.15) };
  /* the window's background (export paints it; legends sit on it), and
   * neurons as a text view draws text on its base: -1 the base colour,
   * +1 the text colour */
  theme_color (widget, "theme_bg_color", style->background, &style->background);
  HpRgba base = style->off, text = c;
  if (theme_color (widget, "theme_base_color", style->background, &base))
    style->off = base;
  if (!theme_color (widget, "theme_text_color", style->off, &text))
    text = hp_rgba_mix (style->off, (HpRgba){ c.r, c.g, c.b, 1 }, c.a);
  style->on = text;
  style->on.a = 1;
  style->scale = 1;

  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  if (font == NULL)
    return;
  const char *family = pango_font_description_get_family (font);
  if (family != NULL && family[0] != '\0')
    g_strlcpy (style->font_family, family, sizeof style->font_family);
  int size = pango_font_description_get_size (font);
  if (size <= 0)
    return;
  double px = (double)size / PANGO_SCALE;
  if (!pango_font_description_get_size_is_absolute (font))
    {
      double dpi = pango_cairo_context_get_resolution (context);
      px *= (dpi > 0 ? dpi : 96.0) / 72.0;
    }
  style->font_size = px;
  /* projector mode: thicker lines and larger markers; the text is already
   * the larger font of the window's .projector style */
  GtkRoot *root = gtk_widget_get_root (widget);
  if (root != NULL && gtk_widget_has_css_class (GTK_WIDGET (root), "projector"))
    {
      HpStyle projector;
      hp_style_init (&projector, HP_SCHEME_PROJECTOR);
      style->background = projector.background;
      style->accent = projector.accent;
      style->on = projector.on;
      style->off = projector.off;
      style->grid = projector.grid;
      style->scale = projector.scale;
      style->font_size = px / projector.scale;
    }
}
