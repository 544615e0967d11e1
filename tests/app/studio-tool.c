/* hs-studio-tool: developer commands that drive the real window.
 *
 *   hs-studio-tool screenshot FILE [CELL]  the README screenshot, mid-recall
 *                                    (CELL: zoom to that many pixels per cell)
 *   hs-studio-tool frames            frame rate while playing recall at 64x64
 *
 * Run under a display, e.g. xvfb-run -a -s "-screen 0 1600x1000x24". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hs-application.h"
#include "gui-helpers.h"

static void
spin_until (gboolean (*cond) (HsWindow *), HsWindow *win, double seconds)
{
  gui_wait_for (cond, win, seconds);
}

static gboolean
trained (HsWindow *w)
{
  return !hs_window_is_training (w) && w->net != NULL;
}

static gboolean
not_playing (HsWindow *w)
{
  return !w->playing;
}

static void
act (HsWindow *win, const char *name, GVariant *param)
{
  if (!gtk_widget_activate_action_variant (GTK_WIDGET (win), name, param))
    g_error ("no action %s", name);
}

static int
screenshot (HsWindow *win, const char *path, guint cell)
{
  act (win, "win.load-sample", g_variant_new_string ("letters-32"));
  act (win, "win.train", NULL);
  spin_until (trained, win, 60);
  g_signal_emit_by_name (win->library_box, "child-activated",
                         gtk_flow_box_get_child_at_index (win->library_box, 0));
  gtk_spin_button_set_value (win->corrupt_spin, 30);
  act (win, "win.corrupt", NULL);
  for (int k = 0; k < 700; k++)
    act (win, "win.step", NULL);
  hs_pattern_canvas_set_zoom (win->canvas, cell);
  spin_until (NULL, win, 0.5);
  int w = gtk_widget_get_width (GTK_WIDGET (win)),
      h = gtk_widget_get_height (GTK_WIDGET (win));
  GdkTexture *tex = gui_render (win);
  gboolean ok = tex != NULL && gdk_texture_save_to_png (tex, path);
  printf ("%s: %dx%d, step %zu of recall\n", path, w, h, hf_recall_steps (win->recall));
  g_clear_object (&tex);
  return ok ? 0 : 1;
}

static int
frames (HsWindow *win)
{
  /* 64x64: the 32x32 digits resized, Hebbian (instant), 30% corrupted,
   * played at 100000 updates per second for a fixed number of sweeps. */
  act (win, "win.load-sample", g_variant_new_string ("digits-32"));
  gtk_drop_down_set_selected (win->size_dropdown, 7);
  gtk_drop_down_set_selected (win->rule_dropdown, HF_RULE_PSEUDOINVERSE);
  act (win, "win.train", NULL);
  spin_until (trained, win, 60);
  gtk_spin_button_set_value (win->corrupt_spin, 30);
  act (win, "win.corrupt", NULL);
  gtk_drop_down_set_selected (win->mode_dropdown, HF_UPDATE_STOCHASTIC);
  gtk_range_set_value (GTK_RANGE (win->temperature_scale), 0.3);
  gtk_range_set_value (GTK_RANGE (win->speed_scale), 5.0);
  act (win, "win.play", NULL);
  gint64 t0 = g_get_monotonic_time ();
  spin_until (not_playing, win, 5.0);
  double secs = (g_get_monotonic_time () - t0) / 1e6;
  printf ("playing stochastic recall on a 64x64 grid (4096 neurons) at 1e5 updates/s: "
          "%" G_GUINT64_FORMAT " frames in %.2f s = %.1f frames/s, %zu updates done\n",
          win->frames, secs, win->frames / secs, hf_recall_steps (win->recall));
  act (win, "win.play", NULL);
  return 0;
}

int
main (int argc, char **argv)
{
  if (argc < 2 || (strcmp (argv[1], "screenshot") == 0 && argc < 3))
    {
      fprintf (stderr, "usage: hs-studio-tool screenshot FILE [CELL] | frames\n");
      return 2;
    }
  gtk_init ();
  hs_application_register_resources ();
  HsWindow *win = hs_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (win), 1440, 880);
  gtk_window_present (GTK_WINDOW (win));
  spin_until (NULL, win, 0.5);
  int rc = strcmp (argv[1], "frames") == 0
               ? frames (win)
               : screenshot (win, argv[2], argc > 3 ? (guint)atoi (argv[3]) : 0);
  gtk_window_destroy (GTK_WINDOW (win));
  return rc;
}
