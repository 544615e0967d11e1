/* hs-window-views.c: the views in the window's centre (issues 9 and 11).
 *
 * A stack shows one of: the canvas (the probe editor), the landscape, the
 * overlap plane, the basins, the weights, the side-by-side comparison and
 * the experiments lab, chosen with win.view (Alt+1 ... Alt+7, the view
 * menu). A new network is
 * given to the view on show only (the others are marked stale and get it
 * when they are shown), so only the visible one computes. The recall
 * player's steps reach the landscape, the plane and the canvas's stability
 * overlay once per frame. F9 (win.show-library) hides the left panel. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hs-basins-view.h"
#include "hs-compare-view.h"
#include "hs-lab-view.h"
#include "hs-landscape-view.h"
#include "hs-plane-view.h"
#include "hs-weights-view.h"
#include "hs-window-private.h"

enum
{
  PAGE_CANVAS,
  PAGE_LANDSCAPE,
  PAGE_PLANE,
  PAGE_BASINS,
  PAGE_WEIGHTS,
  PAGE_COMPARE,
  PAGE_LAB,
  N_PAGES
};

static const struct
{
  const char *name;
  const char *title; /* marked with N_ (), shown with _ () */
} pages[N_PAGES] = {
  { "canvas", N_ ("Canvas") },
  { "landscape", N_ ("Landscape") },
  { "plane", N_ ("Overlap Plane") },
  { "basins", N_ ("Basins") },
  { "weights", N_ ("Weights") },
  { "compare", N_ ("Compare Rules") },
  { "lab", N_ ("Lab") },
};

struct _HsWindowViews
{
  GtkStack *stack;
  GtkMenuButton *view_button;
  GtkWidget *left_panel, *left_separator;
  GtkWidget *stability_button;       /* shown with the canvas */
  GtkWidget *page[N_PAGES];          /* the view widget of each page */
  GtkScrolledWindow *compare_holder; /* holds the comparison while it is shown */
  HfRule compare_rule[2];            /* its rules, kept while it is not */
  gboolean stale[N_PAGES];           /* has not seen the document's network yet */
  int visible;
  guint tick_id;      /* a frame callback is pending */
  gboolean restarted; /* the trajectory starts anew at that frame */
  gboolean overlay;   /* the canvas's stability overlay is on */
  float *stability;   /* s_i h_i, n of them */
  gsize stability_n;
};

static int
page_index (const char *name)
{
  for (int k = 0; k < N_PAGES; k++)
    if (name != NULL && g_str_equal (name, pages[k].name))
      return k;
  return -1;
}

/* ---- giving the views the network ---- */

static void
feed (HsWindow *self, int k)
{
  HsWindowViews *v = self->views;
  const HfNetwork *net = hs_document_get_network (self->doc);
  const HfPatterns *pats = hs_document_get_patterns (self->doc);
  guint w = hs_document_get_width (self->doc), h = hs_document_get_height (self->doc);
  const HfSessionSettings *st = hs_document_get_settings (self->doc);
  GError *error = NULL;
  gboolean ok = TRUE;
  switch (k)
    {
    case PAGE_LANDSCAPE:
      hs_landscape_view_set_dynamics (HS_LANDSCAPE_VIEW (v->page[k]),
                                      st->mode == HF_UPDATE_SYNC ? HF_LANDSCAPE_SYNC
                                                                 : HF_LANDSCAPE_ASYNC,
                                      (HfTieRule)st->tie);
      ok = hs_landscape_view_set_network (HS_LANDSCAPE_VIEW (v->page[k]), net, pats, w, h,
                                          &error);
      break;
    case PAGE_PLANE:
      ok = hs_plane_view_set_network (HS_PLANE_VIEW (v->page[k]), net, pats, w, h,
                                      &error);
      break;
    case PAGE_BASINS:
      ok = hs_basins_view_set_network (HS_BASINS_VIEW (v->page[k]), net, pats, w, h,
                                       &error);
      break;
    case PAGE_WEIGHTS:
      ok = hs_weights_view_set_network (HS_WEIGHTS_VIEW (v->page[k]), net, pats, w, h,
                                        &error);
      break;
    default: /* the canvas and the comparison follow the document themselves */
      break;
    }
  v->stale[k] = FALSE;
  if (!ok)
    {
      hs_window_show_message (self, GTK_MESSAGE_ERROR, "%s", error->message);
      g_error_free (error);
    }
}

static void
on_network_changed (HsWindow *self)
{
  if (self->views == NULL)
    return; /* the window is going */
  HsWindowViews *v = self->views;
  for (int k = 0; k < N_PAGES; k++)
    v->stale[k] = TRUE;
  feed (self, v->visible);
}

/* The map follows the recall's dynamics and tie rule; set_dynamics
 * recomputes only when they change, and only the shown map is kept up to
 * date (a hidden one catches up when shown). */
static void
apply_dynamics (HsWindow *self)
{
  HsWindowViews *v = self->views;
  if (v->visible != PAGE_LANDSCAPE || v->stale[PAGE_LANDSCAPE])
    return;
  const HfSessionSettings *st = hs_document_get_settings (self->doc);
  hs_landscape_view_set_dynamics (HS_LANDSCAPE_VIEW (v->page[PAGE_LANDSCAPE]),
                                  st->mode == HF_UPDATE_SYNC ? HF_LANDSCAPE_SYNC
                                                             : HF_LANDSCAPE_ASYNC,
                                  (HfTieRule)st->tie);
}

static void
on_settings_changed (HsWindow *self)
{
  if (self->views == NULL)
    return; /* the window is going */
  apply_dynamics (self);
}

/* ---- the live recall, once per frame ---- */

static void
update_overlay (HsWindow *self)
{
  HsWindowViews *v = self->views;
  HsPatternCanvas *canvas = hs_probe_editor_get_canvas (self->probe_editor);
  const HfRecall *r = hs_recall_player_get_recall (self->player);
  if (!v->overlay || r == NULL)
    {
      hs_pattern_canvas_set_stability (canvas, NULL, 0);
      return;
    }
  gsize n = hf_recall_n (r);
  if (n != v->stability_n)
    {
      v->stability = g_renew (float, v->stability, n);
      v->stability_n = n;
    }
  const int8_t *s = hf_recall_state (r);
  const float *h = hf_recall_fields (r);
  for (gsize i = 0; i < n; i++)
    v->stability[i] = (float)s[i] * h[i];
  hs_pattern_canvas_set_stability (canvas, v->stability, (guint)n);
}

static gboolean
on_frame (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  HsWindow *self = HS_WINDOW (widget);
  HsWindowViews *v = self->views;
  v->tick_id = 0;
  const int8_t *state = hs_recall_player_get_state (self->player);
  /* a stale view still holds the network of another grid: not its state */
  if (!v->stale[PAGE_LANDSCAPE])
    hs_landscape_view_set_current_state (HS_LANDSCAPE_VIEW (v->page[PAGE_LANDSCAPE]),
                                         state);
  if (!v->stale[PAGE_PLANE])
    {
      HsPlaneView *plane = HS_PLANE_VIEW (v->page[PAGE_PLANE]);
      if (v->restarted)
        hs_plane_view_clear_points (plane);
      hs_plane_view_set_current_state (plane, state);
    }
  v->restarted = FALSE;
  update_overlay (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (HsWindow *self)
{
  HsWindowViews *v = self->views;
  if (v->tick_id == 0)
    v->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_frame, NULL, NULL);
}

static void
on_player_restarted (HsWindow *self)
{
  if (self->views == NULL)
    return; /* the window is going */
  self->views->restarted = TRUE;
  schedule (self);
}

static void
on_player_stepped (HsWindow *self)
{
  if (self->views == NULL)
    return; /* the window is going */
  schedule (self);
}

/* A leaf of the barrier tree (or a pixel of the state space) clicked: that
 * state becomes the probe, on the canvas. */
static void
on_state_activated (HsWindow *self, const int8_t *state, guint n)
{
  if (self->views == NULL)
    return; /* the window is going */
  if (state == NULL || n != hs_document_get_n_neurons (self->doc))
    return;
  hs_document_set_probe (self->doc, state, TRUE);
  hs_window_show_view (self, "canvas");
}

/* A Fig. 1 panel clicked in the lab: onto the canvas, to recall it step by
 * step. The grid follows the image when the library is empty; otherwise
 * resizing would crop or pad the user's patterns, so the banner says why
 * not. */
static void
on_lab_image (HsWindow *self, const int8_t *state, guint width, guint height)
{
  if (self->views == NULL || state == NULL)
    return; /* the window is going */
  if (width != hs_document_get_width (self->doc)
      || height != hs_document_get_height (self->doc))
    {
      GError *error = NULL;
      if (hs_document_get_n_patterns (self->doc) > 0)
        {
          hs_window_show_message (
              self, GTK_MESSAGE_INFO,
              _ ("The image is %u×%u but the library holds %u patterns on a %u×%u grid: "
                 "clear the library (or start a new document) to open it on the canvas."),
              width, height, hs_document_get_n_patterns (self->doc),
              hs_document_get_width (self->doc), hs_document_get_height (self->doc));
          return;
        }
      if (!hs_document_set_grid (self->doc, width, height, &error))
        {
          hs_window_show_message (self, GTK_MESSAGE_ERROR, "%s", error->message);
          g_error_free (error);
          return;
        }
    }
  hs_document_set_probe (self->doc, state, TRUE);
  hs_window_show_view (self, "canvas");
}

/* ---- the comparison: alive only while shown ----
 * It trains two networks of its own whenever the patterns change: hidden,
 * that would be work nobody sees. */

static void
make_compare (HsWindow *self)
{
  HsWindowViews *v = self->views;
  if (v->page[PAGE_COMPARE] != NULL)
    return;
  GtkWidget *view = hs_compare_view_new (self->doc);
  for (HsCompareSide side = HS_COMPARE_LEFT; side <= HS_COMPARE_RIGHT; side++)
    if (v->compare_rule[side] != hs_compare_view_get_rule (HS_COMPARE_VIEW (view), side))
      hs_compare_view_set_rule (HS_COMPARE_VIEW (view), side, v->compare_rule[side]);
  gtk_widget_set_hexpand (view, TRUE);
  gtk_widget_set_vexpand (view, TRUE);
  gtk_scrolled_window_set_child (v->compare_holder, view);
  v->page[PAGE_COMPARE] = view;
}

static void
drop_compare (HsWindow *self)
{
  HsWindowViews *v = self->views;
  if (v->page[PAGE_COMPARE] == NULL)
    return;
  HsCompareView *view = HS_COMPARE_VIEW (v->page[PAGE_COMPARE]);
  for (HsCompareSide side = HS_COMPARE_LEFT; side <= HS_COMPARE_RIGHT; side++)
    v->compare_rule[side] = hs_compare_view_get_rule (view, side);
  v->page[PAGE_COMPARE] = NULL;
  gtk_scrolled_window_set_child (v->compare_holder, NULL); /* its workers stop */
}

/* ---- actions ---- */

gboolean
hs_window_show_view (HsWindow *self, const char *name)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), FALSE);
  HsWindowViews *v = self->views;
  int k = page_index (name);
  if (k < 0)
    return FALSE;
  if (k != PAGE_COMPARE)
    drop_compare (self);
  v->visible = k;
  if (k == PAGE_COMPARE)
    make_compare (self);
  if (v->stale[k])
    feed (self, k);
  else
    apply_dynamics (self);
  gtk_stack_set_visible_child_name (v->stack, pages[k].name);
  gtk_widget_set_visible (v->stability_button, k == PAGE_CANVAS);
  gtk_menu_button_set_label (v->view_button, _ (pages[k].title));
  GAction *a = g_action_map_lookup_action (G_ACTION_MAP (self), "view");
  g_simple_action_set_state (G_SIMPLE_ACTION (a), g_variant_new_string (pages[k].name));
  /* the landscape and plane show where recall is now */
  schedule (self);
  return TRUE;
}

const char *
hs_window_get_view_name (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);
  return pages[self->views->visible].name;
}

GtkWidget *
hs_window_get_view (HsWindow *self, const char *name)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);
  int k = page_index (name);
  return k < 0 ? NULL : self->views->page[k];
}

static void
change_view (GSimpleAction *a, GVariant *value, gpointer user)
{
  if (!hs_window_show_view (user, g_variant_get_string (value, NULL)))
    hs_window_show_message (user, GTK_MESSAGE_ERROR, _ ("There is no view “%s”."),
                            g_variant_get_string (value, NULL));
}

static void
change_show_library (GSimpleAction *a, GVariant *value, gpointer user)
{
  HsWindowViews *v = HS_WINDOW (user)->views;
  gboolean show = g_variant_get_boolean (value);
  gtk_widget_set_visible (v->left_panel, show);
  gtk_widget_set_visible (v->left_separator, show);
  g_simple_action_set_state (a, value);
}

static void
change_overlay (GSimpleAction *a, GVariant *value, gpointer user)
{
  HsWindow *self = user;
  self->views->overlay = g_variant_get_boolean (value);
  g_simple_action_set_state (a, value);
  update_overlay (self);
}

static const GActionEntry view_entries[] = {
  { "view", NULL, "s", "'canvas'", change_view },
  { "show-library", NULL, NULL, "true", change_show_library },
  { "stability-overlay", NULL, NULL, "false", change_overlay },
};

void
hs_window_views_actions_init (HsWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), view_entries,
                                   G_N_ELEMENTS (view_entries), self);
}

/* ---- set up ---- */

void
hs_window_views_class_init (GtkWidgetClass *widget_class)
{
  /* looked up with gtk_widget_get_template_child: no struct fields */
  for (const char *const *id
       = (const char *const[]){ "view_stack", "view_button", "left_panel",
                                "left_separator", "stability_button", NULL };
       *id; id++)
    gtk_widget_class_bind_template_child_full (widget_class, *id, FALSE, 0);
}

static GMenuModel *
view_menu (void)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();
  for (int k = 0; k < N_PAGES; k++)
    {
      GMenuItem *item = g_menu_item_new (_ (pages[k].title), NULL);
      g_menu_item_set_action_and_target_value (item, "win.view",
                                               g_variant_new_string (pages[k].name));
      char *accel = g_strdup_printf ("<Alt>%d", k + 1);
      g_menu_item_set_attribute (item, "accel", "s", accel);
      g_free (accel);
      g_menu_append_item (section, item);
      g_object_unref (item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
  GMenuItem *item
      = g_menu_item_new (_ ("Show _Patterns and Training"), "win.show-library");
  g_menu_item_set_attribute (item, "accel", "s", "F9");
  GMenu *panels = g_menu_new ();
  g_menu_append_item (panels, item);
  g_object_unref (item);
  item
      = g_menu_item_new (_ ("_Stability Overlay on the Canvas"), "win.stability-overlay");
  g_menu_append_item (panels, item);
  g_object_unref (item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (panels));
  g_object_unref (panels);
  return G_MENU_MODEL (menu);
}

static GtkScrolledWindow *
add_page (HsWindow *self, int k, GtkWidget *view)
{
  HsWindowViews *v = self->views;
  v->page[k] = view;
  v->stale[k] = view != NULL;
  /* a view wider than the centre (the landscape, the comparison at
   * 1024 px with the left panel shown) scrolls rather than widening the
   * window; F9 gives it the room */
  GtkWidget *child = gtk_scrolled_window_new ();
  if (view != NULL)
    {
      gtk_widget_set_hexpand (view, TRUE);
      gtk_widget_set_vexpand (view, TRUE);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (child), view);
    }
  gtk_stack_add_titled (v->stack, child, pages[k].name, _ (pages[k].title));
  return GTK_SCROLLED_WINDOW (child);
}

void
hs_window_views_init (HsWindow *self)
{
  HsWindowViews *v = g_new0 (HsWindowViews, 1);
  self->views = v;
  GtkWidget *w = GTK_WIDGET (self);
  v->stack = GTK_STACK (gtk_widget_get_template_child (w, HS_TYPE_WINDOW, "view_stack"));
  v->view_button = GTK_MENU_BUTTON (
      gtk_widget_get_template_child (w, HS_TYPE_WINDOW, "view_button"));
  v->left_panel
      = GTK_WIDGET (gtk_widget_get_template_child (w, HS_TYPE_WINDOW, "left_panel"));
  v->left_separator
      = GTK_WIDGET (gtk_widget_get_template_child (w, HS_TYPE_WINDOW, "left_separator"));
  v->stability_button = GTK_WIDGET (
      gtk_widget_get_template_child (w, HS_TYPE_WINDOW, "stability_button"));
  v->page[PAGE_CANVAS] = GTK_WIDGET (self->probe_editor);
  /* the centre takes the room the side panels do not need (the recall
   * panel's drop-downs would otherwise make it grow too) */
  gtk_widget_set_hexpand (v->left_panel, FALSE);
  gtk_widget_set_hexpand (
      gtk_widget_get_ancestor (GTK_WIDGET (self->recall_panel), GTK_TYPE_SCROLLED_WINDOW),
      FALSE);

  add_page (self, PAGE_LANDSCAPE, hs_landscape_view_new ());
  add_page (self, PAGE_PLANE, hs_plane_view_new ());
  add_page (self, PAGE_BASINS, hs_basins_view_new ());
  add_page (self, PAGE_WEIGHTS, hs_weights_view_new ());
  v->compare_holder = add_page (self, PAGE_COMPARE, NULL);
  add_page (self, PAGE_LAB, hs_lab_view_new ());
  hs_lab_view_set_document (HS_LAB_VIEW (v->page[PAGE_LAB]), self->doc);
  v->stale[PAGE_LAB] = FALSE; /* runs experiments of its own, not the document's */
  v->compare_rule[HS_COMPARE_LEFT] = HF_RULE_HEBBIAN; /* the comparison's own defaults */
  v->compare_rule[HS_COMPARE_RIGHT] = HF_RULE_MPF;

  GMenuModel *menu = view_menu ();
  gtk_menu_button_set_menu_model (v->view_button, menu);
  g_object_unref (menu);
  gtk_menu_button_set_label (v->view_button, _ (pages[PAGE_CANVAS].title));
  /* Alt+1 ... Alt+7 and F9: the window's shortcuts (hs-shortcuts.c) */

  g_signal_connect_object (self->doc, "network-changed", G_CALLBACK (on_network_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->doc, "settings-changed",
                           G_CALLBACK (on_settings_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->player, "restarted", G_CALLBACK (on_player_restarted),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->player, "stepped", G_CALLBACK (on_player_stepped), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (v->page[PAGE_LANDSCAPE], "state-activated",
                           G_CALLBACK (on_state_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (v->page[PAGE_LAB], "image-activated",
                           G_CALLBACK (on_lab_image), self, G_CONNECT_SWAPPED);
}

void
hs_window_views_dispose (HsWindow *self)
{
  HsWindowViews *v = self->views;
  if (v == NULL)
    return;
  if (v->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), v->tick_id);
  g_free (v->stability);
  g_free (v);
  self->views = NULL;
}
