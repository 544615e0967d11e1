/* GUI tests of the styles: light, dark and high contrast (hs-style.c,
 * app.style in hs-application.c, hs-plot-style.c), measured on rendered
 * pixels, and state shown by shape (hs-pattern-canvas-draw.c). Pictures go
 * to a fresh temporary directory and, when HS_SHOTS names a directory, a
 * copy there. */
#include "style-helpers.h"

/* ---- the styles ---- */

START_TEST (test_styles_are_legible)
{
  HsWindow *win = trained_window (1366, 768);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (win), "win.corrupt", NULL));
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (win), "win.sweep", NULL));
  ck_assert (gui_wait_for (gui_not_playing, win, 30));
  /* mid-recall, the neuron just updated flipped: its slash is in the pictures */
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (win), "win.reset", NULL));
  gboolean flipped = FALSE;
  for (int k = 0; k < 2000 && !flipped; k++)
    {
      ck_assert (gtk_widget_activate_action (GTK_WIDGET (win), "win.step", NULL));
      settle (0.005);
      hs_pattern_canvas_get_highlight (probe_canvas (win), &flipped);
    }
  ck_assert (flipped);
  static const struct
  {
    HsStyle style;
    const char *name;
  } styles[] = {
    { HS_STYLE_LIGHT, "style-light.png" },
    { HS_STYLE_DARK, "style-dark.png" },
    { HS_STYLE_HIGH_CONTRAST, "style-high-contrast.png" },
  };
  Rgb light_off = { 0 };
  for (gsize k = 0; k < G_N_ELEMENTS (styles); k++)
    {
      hs_style_apply (styles[k].style, FALSE, FALSE);
      Pixels p = shoot (win, styles[k].name);
      Rgb on, off, thumb_on, thumb_off, energy_bg, overlap_bg;
      cell_colours (probe_canvas (win), &on, &off);
      cell_colours (thumbnail (win, 0), &thumb_on, &thumb_off);
      double energy = plot_contrast (win, &p, GTK_WIDGET (win->recall_panel->energy_plot),
                                     &energy_bg);
      double overlap = plot_contrast (
          win, &p, GTK_WIDGET (win->recall_panel->overlap_chart), &overlap_bg);
      g_print ("%s: cells %.1f:1 (off L=%.2f), thumbnails %.1f:1, energy plot %.1f:1, "
               "overlaps %.1f:1\n",
               styles[k].name, contrast (on, off), luminance (off),
               contrast (thumb_on, thumb_off), energy, overlap);
      ck_assert_msg (contrast (on, off) >= 4.5, "%s: cells %.2f:1", styles[k].name,
                     contrast (on, off));
      ck_assert_msg (contrast (thumb_on, thumb_off) >= 4.5, "%s: thumbnails %.2f:1",
                     styles[k].name, contrast (thumb_on, thumb_off));
      ck_assert_msg (energy >= 4.5, "%s: energy plot text %.2f:1", styles[k].name,
                     energy);
      ck_assert_msg (overlap >= 4.5, "%s: overlap chart text %.2f:1", styles[k].name,
                     overlap);
      /* the cells take the style's colours: an off cell is the light base
       * in light and high contrast, dark in dark, like the plots behind */
      if (styles[k].style == HS_STYLE_DARK)
        {
          ck_assert_msg (luminance (off) < 0.1 && luminance (on) > 0.5,
                         "dark: off L=%.2f, on L=%.2f", luminance (off), luminance (on));
          ck_assert (!same (off, light_off));
          ck_assert_msg (luminance (energy_bg) < 0.1, "dark: plot background L=%.2f",
                         luminance (energy_bg));
        }
      else
        {
          ck_assert_msg (luminance (off) > 0.8 && luminance (on) < 0.1,
                         "%s: off L=%.2f, on L=%.2f", styles[k].name, luminance (off),
                         luminance (on));
          ck_assert (luminance (energy_bg) > 0.8);
        }
      if (styles[k].style == HS_STYLE_LIGHT)
        light_off = off;
      /* a view plot follows too: the weights view's text on its background */
      HpStyle ps;
      hs_plot_style_from_widget (hs_window_get_view (win, "weights"), &ps);
      Rgb fg = { ps.foreground.r, ps.foreground.g, ps.foreground.b };
      Rgb bg = { ps.background.r, ps.background.g, ps.background.b };
      ck_assert_msg (contrast (fg, bg) >= 4.5, "%s: view text %.2f:1", styles[k].name,
                     contrast (fg, bg));
      g_free (p.data);
    }
  /* a view plot on screen, in dark */
  hs_style_apply (HS_STYLE_DARK, FALSE, FALSE);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (win), "win.view", "s", "weights"));
  Pixels p = shoot (win, "style-dark-weights.png");
  Rgb bg;
  double weights = plot_contrast (win, &p, hs_window_get_view (win, "weights"), &bg);
  g_print ("dark weights view: %.1f:1 on L=%.2f\n", weights, luminance (bg));
  ck_assert (weights >= 4.5 && luminance (bg) < 0.1);
  g_free (p.data);
  close_window (win);
}
END_TEST

/* Projector mode is a light scheme, whatever the style. */
START_TEST (test_projector_stays_light)
{
  HsWindow *win = trained_window (1280, 720);
  hs_style_apply (HS_STYLE_DARK, FALSE, TRUE); /* dark chosen, projector on */
  hs_window_set_projector (win, TRUE);
  Pixels p = shoot (win, "projector-under-dark.png");
  Rgb on, off, bg;
  cell_colours (probe_canvas (win), &on, &off);
  double energy
      = plot_contrast (win, &p, GTK_WIDGET (win->recall_panel->energy_plot), &bg);
  ck_assert_msg (luminance (off) > 0.9 && contrast (on, off) >= 7, "off L=%.2f %.1f:1",
                 luminance (off), contrast (on, off));
  ck_assert (luminance (bg) > 0.9 && energy >= 7);
  g_free (p.data);
  hs_window_set_projector (win, FALSE);
  close_window (win);
}
END_TEST

/* ---- state by shape ---- */

/* Whether the pixel at fractions (fx, fy) of cell k differs from the cell's
 * own colour. */
static gboolean
marked (const Pixels *p, HsPatternCanvas *canvas, guint k, double fx, double fy, Rgb cell)
{
  double c = hs_pattern_canvas_get_cell_size (canvas);
  int w = gtk_widget_get_width (GTK_WIDGET (canvas));
  int h = gtk_widget_get_height (GTK_WIDGET (canvas));
  guint gw = hs_pattern_canvas_get_grid_width (canvas);
  double ox = (w - c * gw) / 2,
         oy = (h - c * hs_pattern_canvas_get_grid_height (canvas)) / 2;
  int x = (int)(ox + (k % gw + fx) * c), y = (int)(oy + (k / gw + fy) * c);
  return !same (pixel (p, x, y), cell);
}

START_TEST (test_state_has_shapes)
{
  GtkWidget *window = gtk_window_new ();
  HsPatternCanvas *canvas = HS_PATTERN_CANVAS (hs_pattern_canvas_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (canvas));
  gtk_window_set_default_size (GTK_WINDOW (window), 320, 320);
  int8_t s[64];
  memset (s, -1, sizeof s);
  hs_pattern_canvas_set_state (canvas, s, 8, 8);
  gtk_window_present (GTK_WINDOW (window));
  settle (0.5);
  for (HsStyle style = HS_STYLE_LIGHT; style <= HS_STYLE_HIGH_CONTRAST; style++)
    {
      hs_style_apply (style, FALSE, FALSE);
      settle (0.2);
      ck_assert_double_ge (hs_pattern_canvas_get_cell_size (canvas), 30);
      GdkTexture *tex = gui_render_widget (GTK_WIDGET (canvas));
      Pixels plain = download (tex);
      g_object_unref (tex);
      Rgb off = pixel (&plain, gtk_widget_get_width (GTK_WIDGET (canvas)) / 2 + 3,
                       gtk_widget_get_height (GTK_WIDGET (canvas)) / 2 + 3);
      g_free (plain.data);
      /* cell 9 flipped, then the same cell stayed, then cell 20 clamped */
      Pixels shot[3];
      uint8_t clamp[64] = { 0 };
      clamp[20] = 1;
      for (int k = 0; k < 3; k++)
        {
          hs_pattern_canvas_set_highlight (canvas, k < 2 ? 9 : -1, k == 0);
          hs_pattern_canvas_set_clamp (canvas, k == 2 ? clamp : NULL);
          settle (0.1);
          tex = gui_render_widget (GTK_WIDGET (canvas));
          shot[k] = download (tex);
          g_object_unref (tex);
        }
      /* flipped: a slash from the top right to the bottom left */
      ck_assert (marked (&shot[0], canvas, 9, 0.35, 0.65, off));
      ck_assert (marked (&shot[0], canvas, 9, 0.65, 0.35, off));
      /* stayed: a dot in the middle, nothing on that diagonal */
      ck_assert (marked (&shot[1], canvas, 9, 0.5, 0.5, off));
      ck_assert (!marked (&shot[1], canvas, 9, 0.35, 0.65, off));
      ck_assert (!marked (&shot[1], canvas, 9, 0.65, 0.35, off));
      /* clamped: a diamond, pointed (its tips marked, its corners not) */
      ck_assert (marked (&shot[2], canvas, 20, 0.5, 0.3, off));
      ck_assert (marked (&shot[2], canvas, 20, 0.3, 0.5, off));
      ck_assert (!marked (&shot[2], canvas, 20, 0.33, 0.33, off));
      ck_assert (!marked (&shot[2], canvas, 9, 0.5, 0.5, off));
      for (int k = 0; k < 3; k++)
        g_free (shot[k].data);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  settle (0.1);
}
END_TEST

START_TEST (test_dark_small_screen)
{
  hs_style_apply (HS_STYLE_DARK, FALSE, FALSE);
  HsWindow *win = trained_window (1024, 768);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (win), "win.corrupt", NULL));
  for (int k = 0; k < 40; k++)
    ck_assert (gtk_widget_activate_action (GTK_WIDGET (win), "win.step", NULL));
  Pixels p = shoot (win, "window-1024x768-dark.png");
  ck_assert_int_le (p.width, 1024);
  Rgb on, off;
  cell_colours (probe_canvas (win), &on, &off);
  ck_assert (luminance (off) < 0.1 && contrast (on, off) >= 4.5);
  g_free (p.data);
  close_window (win);
}
END_TEST

/* ---- app.style and the setting ---- */

static gboolean
dark_now (void)
{
  gboolean dark = FALSE;
  g_object_get (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", &dark,
                NULL);
  return dark;
}

static gboolean
check_style (gpointer data)
{
  HsApplication *app = HS_APPLICATION (g_object_get_data (G_OBJECT (data), "app"));
  GActionGroup *group = G_ACTION_GROUP (app);
  ck_assert (hs_application_set_style (app, "dark"));
  ck_assert (dark_now () && !hs_style_is_high_contrast ());
  ck_assert (hs_application_set_style (app, "high-contrast"));
  ck_assert (hs_style_is_high_contrast () && !dark_now ());
  ck_assert (!hs_application_set_style (app, "purple"));
  ck_assert (hs_style_is_high_contrast ());
  /* the menu's radio items: the action with a string state */
  g_action_group_change_action_state (group, "style", g_variant_new_string ("light"));
  ck_assert (!dark_now () && !hs_style_is_high_contrast ());
  GVariant *state = g_action_group_get_action_state (group, "style");
  ck_assert_str_eq (g_variant_get_string (state, NULL), "light");
  g_variant_unref (state);
  g_action_group_change_action_state (group, "style", g_variant_new_string ("sepia"));
  state = g_action_group_get_action_state (group, "style");
  ck_assert_str_eq (g_variant_get_string (state, NULL), "light");
  g_variant_unref (state);
  /* projector mode keeps it light; leaving it brings the dark back */
  hs_application_set_style (app, "dark");
  g_action_group_change_action_state (group, "projector", g_variant_new_boolean (TRUE));
  ck_assert (!dark_now ());
  g_action_group_change_action_state (group, "projector", g_variant_new_boolean (FALSE));
  ck_assert (dark_now ());
  /* "system" follows the desktop's colour scheme (GSettings here) */
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  GSettingsSchema *schema
      = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, "color-scheme"))
    {
      GSettings *desktop = g_settings_new ("org.gnome.desktop.interface");
      g_settings_set_string (desktop, "color-scheme", "default");
      hs_application_set_style (app, "system");
      settle (0.1);
      ck_assert (!dark_now ());
      g_settings_set_string (desktop, "color-scheme", "prefer-dark");
      settle (0.1);
      ck_assert (dark_now ());
      g_settings_set_string (desktop, "color-scheme", "default");
      settle (0.1);
      ck_assert (!dark_now ());
      g_object_unref (desktop);
    }
  else
    g_print ("org.gnome.desktop.interface color-scheme not installed: not tested\n");
  g_clear_pointer (&schema, g_settings_schema_unref);
  /* the preference, once the schema has the key */
  GSettings *settings = hs_settings_new ();
  GSettingsSchema *ours = NULL;
  if (settings != NULL)
    g_object_get (settings, "settings-schema", &ours, NULL);
  if (ours != NULL && g_settings_schema_has_key (ours, "style"))
    {
      g_settings_set_string (settings, "style", "dark");
      settle (0.1);
      ck_assert (dark_now ());
      hs_application_set_style (app, "high-contrast");
      char *saved = g_settings_get_string (settings, "style");
      ck_assert_str_eq (saved, "high-contrast");
      g_free (saved);
      g_settings_set_string (settings, "style", "system");
    }
  else
    g_print ("the schema has no \"style\" key yet: the preference is not tested\n");
  g_clear_pointer (&ours, g_settings_schema_unref);
  g_clear_object (&settings);
  hs_application_set_style (app, "light");
  HsWindow *win = HS_WINDOW (data);
  hs_document_set_modified (win->doc, FALSE);
  gtk_window_destroy (GTK_WINDOW (win));
  return G_SOURCE_REMOVE;
}

static void
on_activate (GApplication *app, gpointer unused)
{
  GtkWindow *win = gtk_application_get_active_window (GTK_APPLICATION (app));
  ck_assert (HS_IS_WINDOW (win));
  g_object_set_data (G_OBJECT (win), "app", app);
  g_timeout_add (300, check_style, win);
}

START_TEST (test_style_action)
{
  GSettings *settings = hs_settings_new ();
  if (settings != NULL)
    g_settings_set_boolean (settings, "tour-shown", TRUE);
  g_clear_object (&settings);
  GApplication *app
      = g_object_new (HS_TYPE_APPLICATION, "flags",
                      G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN, NULL);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  char *argv[] = { (char *)"hopfield-studio", NULL };
  ck_assert_int_eq (g_application_run (app, 1, argv), 0);
  g_object_unref (app);
  settle (0.2);
}
END_TEST

static Suite *
style_suite (void)
{
  Suite *s = suite_create ("style");
  TCase *tc = tcase_create ("style");
  tcase_set_timeout (tc, 180);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_state_has_shapes);
  tcase_add_test (tc, test_style_action);
  tcase_add_test (tc, test_styles_are_legible);
  tcase_add_test (tc, test_projector_stays_light);
  tcase_add_test (tc, test_dark_small_screen);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  gtk_init ();
  hs_application_register_resources ();
  SRunner *sr = srunner_create (style_suite ());
  srunner_set_fork_status (sr, CK_NOFORK);
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
