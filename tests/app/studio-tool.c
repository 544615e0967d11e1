/* hs-studio-tool: developer commands that drive the real window.
 *
 *   hs-studio-tool screenshot FILE [CELL] [WIDTH HEIGHT]
 *                                    the README screenshot, mid-recall
 *                                    (CELL: zoom to that many pixels per cell)
 *   hs-studio-tool frames            frame rate while playing recall at 64x64
 *   hs-studio-tool lab DIR           the Lab view at 1366x768: capacity mid-run
 *                                    (lab-capacity-midrun.png) and a quick Fig. 1
 *                                    (lab-fig1-quick.png), the window's Lab
 *                                    page mid-run (window-lab-denoise-midrun.png)
 *   hs-studio-tool lab-kept DIR W H  the window's Lab at W x H (under 1200 px
 *                                    wide with the left panel hidden, F9) with
 *                                    three kept results, one shown
 *                                    (lab-kept-WxH.png) and a
 *                                    kept Fig. 1 shown (lab-kept-fig1-WxH.png)
 *
 * Run under a display, e.g. xvfb-run -a -s "-screen 0 1600x1000x24". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hf-train.h"
#include "hs-application.h"
#include "hs-lab-run.h"
#include "hs-lab-view.h"
#include "gui-helpers.h"

static void
act (HsWindow *win, const char *name, GVariant *param)
{
  if (!gtk_widget_activate_action_variant (GTK_WIDGET (win), name, param))
    g_error ("no action %s", name);
}

static void
set_settings (HsWindow *win, void (*edit) (HfSessionSettings *))
{
  HfSessionSettings s = *hs_document_get_settings (win->doc);
  edit (&s);
  hs_document_set_settings (win->doc, &s);
}

static int
screenshot (HsWindow *win, const char *path, guint cell)
{
  act (win, "win.load-sample", g_variant_new_string ("letters-32"));
  act (win, "win.train", NULL);
  gui_wait_for (gui_trained, win, 60);
  hs_library_panel_activate (win->library_panel, 0);
  gtk_spin_button_set_value (win->probe_editor->corrupt_spin, 30);
  act (win, "win.corrupt", NULL);
  for (int k = 0; k < 700; k++)
    act (win, "win.step", NULL);
  hs_pattern_canvas_set_zoom (win->probe_editor->canvas, cell);
  gui_wait_for (NULL, win, 0.5);
  int w = gtk_widget_get_width (GTK_WIDGET (win)),
      h = gtk_widget_get_height (GTK_WIDGET (win));
  GdkTexture *tex = gui_render (win);
  gboolean ok = tex != NULL && gdk_texture_save_to_png (tex, path);
  printf ("%s: %dx%d, step %zu of recall\n", path, w, h,
          hf_recall_steps (hs_recall_player_get_recall (win->player)));
  g_clear_object (&tex);
  return ok ? 0 : 1;
}

static void
count_frame (gpointer data)
{
  (*(guint64 *)data)++;
}

static void
fast_stochastic (HfSessionSettings *s)
{
  s->mode = HF_UPDATE_STOCHASTIC;
  s->temperature = 0.3;
  s->speed = 5.0;
}

static void
pinv (HfSessionSettings *s)
{
  s->rule = HF_RULE_PSEUDOINVERSE;
}

static int
frames (HsWindow *win)
{
  /* 64x64: the 32x32 digits resized, pseudo-inverse, 30% corrupted,
   * played at 100000 updates per second for a fixed number of sweeps. */
  act (win, "win.load-sample", g_variant_new_string ("digits-32"));
  hs_document_set_grid (win->doc, 64, 64, NULL);
  set_settings (win, pinv);
  act (win, "win.train", NULL);
  gui_wait_for (gui_trained, win, 60);
  gtk_spin_button_set_value (win->probe_editor->corrupt_spin, 30);
  act (win, "win.corrupt", NULL);
  set_settings (win, fast_stochastic);
  guint64 frames = 0;
  g_signal_connect_swapped (win->player, "stepped", G_CALLBACK (count_frame), &frames);
  act (win, "win.play", NULL);
  gint64 t0 = g_get_monotonic_time ();
  gui_wait_for (gui_not_playing, win, 5.0);
  double secs = (g_get_monotonic_time () - t0) / 1e6;
  printf ("playing stochastic recall on a 64x64 grid (4096 neurons) at 1e5 updates/s: "
          "%" G_GUINT64_FORMAT " frames in %.2f s = %.1f frames/s, %zu updates done\n",
          frames, secs, frames / secs,
          hf_recall_steps (hs_recall_player_get_recall (win->player)));
  act (win, "win.play", NULL);
  return 0;
}

static gboolean
lab_wake (gpointer data)
{
  (void)data;
  return G_SOURCE_CONTINUE;
}

/* Turns the main loop until `rows` rows are done (0: until idle). */
static void
lab_wait (HsLabView *lab, gsize rows, double seconds)
{
  guint id = g_timeout_add (10, lab_wake, NULL);
  gint64 end = g_get_monotonic_time () + (gint64)(seconds * 1e6);
  while (g_get_monotonic_time () < end
         && (rows > 0 ? hs_lab_view_rows_done (lab) < rows : hs_lab_view_is_busy (lab)))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

static int
lab_shot (GtkWidget *win, const char *dir, const char *name)
{
  char *path = g_build_filename (dir, name, NULL);
  GdkTexture *tex = gui_render_widget (win);
  gboolean ok = tex != NULL && gdk_texture_save_to_png (tex, path);
  printf ("%s\n", path);
  g_clear_object (&tex);
  g_free (path);
  return ok ? 0 : 1;
}

static int
lab_screenshots (const char *dir)
{
  GtkWidget *win = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (win), "Lab");
  gtk_window_set_default_size (GTK_WINDOW (win), 1366, 768);
  HsLabView *lab = HS_LAB_VIEW (hs_lab_view_new ());
  gtk_window_set_child (GTK_WINDOW (win), GTK_WIDGET (lab));
  gtk_window_present (GTK_WINDOW (win));
  lab_wait (lab, 0, 0.5);
  hs_lab_view_set_kind (lab, HS_LAB_CAPACITY);
  if (!hs_lab_view_run (lab, NULL))
    return 1;
  lab_wait (lab, 40, 120);
  lab_wait (lab, 1000000, 0.3); /* a tick to draw the rows */
  int rc = lab_shot (win, dir, "lab-capacity-midrun.png");
  hs_lab_view_cancel (lab);
  hs_lab_view_set_kind (lab, HS_LAB_IMAGES);
  hs_lab_view_set_quick (lab, TRUE);
  if (!hs_lab_view_run (lab, NULL))
    return 1;
  lab_wait (lab, 0, 300);
  lab_wait (lab, 1000000, 0.5);
  rc |= lab_shot (win, dir, "lab-fig1-quick.png");
  gtk_window_destroy (GTK_WINDOW (win));
  /* the Lab page of the studio's window, denoising (paper's sizes) mid-run */
  HsWindow *hw = hs_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (hw), 1366, 768);
  gtk_window_present (GTK_WINDOW (hw));
  act (hw, "win.view", g_variant_new_string ("lab"));
  lab = HS_LAB_VIEW (hs_window_get_view (hw, "lab"));
  hs_lab_view_set_kind (lab, HS_LAB_DENOISE);
  if (!hs_lab_view_run (lab, NULL))
    return 1;
  lab_wait (lab, 17 * 3, 300);
  lab_wait (lab, 1000000, 0.5);
  rc |= lab_shot (GTK_WIDGET (hw), dir, "window-lab-denoise-midrun.png");
  hs_lab_view_cancel (lab);
  hs_document_set_modified (hw->doc, FALSE);
  gtk_window_destroy (GTK_WINDOW (hw));
  /* the cancelled runs' threads end before the process does (OpenBLAS) */
  while (!hs_lab_view_workers_done ())
    g_main_context_iteration (NULL, TRUE);
  return rc;
}

static int
keep_run (HsLabView *lab, HsLabKind kind, const char *label)
{
  hs_lab_view_set_kind (lab, kind);
  hs_lab_view_set_quick (lab, TRUE);
  if (kind == HS_LAB_IMAGES)
    {
      hs_lab_view_set_param (lab, LAB_P_IMAGES, "6");
      hs_lab_view_set_param (lab, LAB_P_STEPS, "20");
    }
  GError *error = NULL;
  if (!hs_lab_view_run (lab, &error))
    return 1;
  lab_wait (lab, 0, 300);
  if (!hs_lab_view_keep (lab, label, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  return 0;
}

static int
lab_kept_screenshots (const char *dir, int width, int height)
{
  HsWindow *hw = hs_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (hw), width, height);
  gtk_window_present (GTK_WINDOW (hw));
  act (hw, "win.view", g_variant_new_string ("lab"));
  if (width < 1200)
    act (hw, "win.show-library", NULL); /* F9: the left panel hidden */
  HsLabView *lab = HS_LAB_VIEW (hs_window_get_view (hw, "lab"));
  int rc = keep_run (lab, HS_LAB_CAPACITY, "Lecture 3: capacity");
  rc |= keep_run (lab, HS_LAB_DENOISE, "Before the break");
  rc |= keep_run (lab, HS_LAB_IMAGES, "");
  if (rc == 0 && !hs_lab_view_show_kept (lab, 0, NULL))
    rc = 1;
  lab_wait (lab, 1000000, 0.5);
  char name[64];
  g_snprintf (name, sizeof name, "lab-kept-%dx%d.png", width, height);
  rc |= lab_shot (GTK_WIDGET (hw), dir, name);
  if (rc == 0 && !hs_lab_view_show_kept (lab, 2, NULL))
    rc = 1;
  lab_wait (lab, 1000000, 0.5);
  g_snprintf (name, sizeof name, "lab-kept-fig1-%dx%d.png", width, height);
  rc |= lab_shot (GTK_WIDGET (hw), dir, name);
  hs_document_set_modified (hw->doc, FALSE);
  gtk_window_destroy (GTK_WINDOW (hw));
  while (!hs_lab_view_workers_done ())
    g_main_context_iteration (NULL, TRUE);
  return rc;
}

int
main (int argc, char **argv)
{
  if (argc < 2 || (strcmp (argv[1], "screenshot") == 0 && argc < 3))
    {
      fprintf (stderr, "usage: hs-studio-tool screenshot FILE [CELL [WIDTH HEIGHT]] | "
                       "frames\n");
      return 2;
    }
  gtk_init ();
  hs_application_register_resources ();
  if (strcmp (argv[1], "lab") == 0)
    return lab_screenshots (argc > 2 ? argv[2] : ".");
  if (strcmp (argv[1], "lab-kept") == 0 && argc > 4)
    return lab_kept_screenshots (argv[2], atoi (argv[3]), atoi (argv[4]));
  HsWindow *win = hs_window_new (NULL);
  int width = argc > 5 ? atoi (argv[4]) : 1440, height = argc > 5 ? atoi (argv[5]) : 880;
  gtk_window_set_default_size (GTK_WINDOW (win), width, height);
  gtk_window_present (GTK_WINDOW (win));
  gui_wait_for (NULL, win, 0.5);
  int rc = strcmp (argv[1], "frames") == 0
               ? frames (win)
               : screenshot (win, argv[2], argc > 3 ? (guint)atoi (argv[3]) : 0);
  hs_document_set_modified (win->doc, FALSE);
  gtk_window_destroy (GTK_WINDOW (win));
  return rc;
}
