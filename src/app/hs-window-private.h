/* hs-window-private.h: what the window's files (and its tests) share. */
#pragma once

#include "hs-document.h"
#include "hs-library-panel.h"
#include "hs-notes.h"
#include "hs-probe-editor.h"
#include "hs-recall-panel.h"
#include "hs-recall-player.h"
#include "hs-settings.h"
#include "hs-train-panel.h"
#include "hs-undo.h"
#include "hs-window.h"

/* The centre's views and their wiring (hs-window-views.c). */
typedef struct _HsWindowViews HsWindowViews;

/* What to do once unsaved changes may be discarded. */
typedef void (*HsWindowContinue) (HsWindow *self, gpointer data);

struct _HsWindow
{
  GtkApplicationWindow parent_instance;

  /* template children */
  GtkInfoBar *banner;
  GtkLabel *banner_label;
  HsLibraryPanel *library_panel;
  HsTrainPanel *train_panel;
  HsProbeEditor *probe_editor;
  HsRecallPanel *recall_panel;
  GtkStack *side_stack; /* "patterns" | "notes" */
  HsNotesPanel *notes_panel;
  GtkWindow *help_window; /* the guide, while it is open */

  /* the models every panel observes */
  HsDocument *doc;
  HsRecallPlayer *player;

  GCancellable *cancellable; /* cancelled when the window goes: pending work drops */
  gboolean opening;          /* files are being read in a worker */
  gboolean saving;
  GtkWindow *confirm_dialog; /* the unsaved-changes question, while it is asked */
  gboolean may_close;        /* the user agreed to discard the changes */
  HsWindowViews *views;      /* the centre's views (hs-window-views.c) */
  GSettings *settings;       /* the preferences, NULL without the schema */
  gboolean projector;        /* projector mode (hs-window-projector.c) */
  gboolean library_before;   /* the left panel was shown before projector mode */
};

/* hs-window.c */
void hs_window_show_message (HsWindow *self, GtkMessageType type, const char *format, ...)
    G_GNUC_PRINTF (3, 4);
void hs_window_update_actions (HsWindow *self);
/* Runs then (data freed by destroy) at once when the document has no
 * unsaved changes; otherwise asks first, with what (e.g. "Replace the
 * stored patterns?") as the question. */
void hs_window_confirm_discard (HsWindow *self, const char *what, HsWindowContinue then,
                                gpointer data, GDestroyNotify destroy);

/* hs-window-actions.c */
void hs_window_actions_init (HsWindow *self);
/* Undo and redo (win.undo, win.redo): the main menu's items follow the
 * document's undo stack; busy (training, opening): no library step. */
void hs_window_undo_init (HsWindow *self);
void hs_window_update_undo (HsWindow *self, gboolean busy);

/* hs-window-lessons.c: the notes page, the Lessons menu and the guide */
void hs_window_lessons_init (HsWindow *self);
/* Opens a shipped lesson (e.g. "01-digits") as File > Open would. */
void hs_window_open_lesson (HsWindow *self, const char *name);
void hs_window_show_help (HsWindow *self);

/* hs-window-files.c */
void hs_window_files_init (HsWindow *self);
void hs_window_open_dialog (HsWindow *self);
/* Ctrl+S: to the document's file, or through the dialog when it has none. */
void hs_window_save_session (HsWindow *self);
void hs_window_save_session_dialog (HsWindow *self);
void hs_window_save_network_dialog (HsWindow *self);
void hs_window_save_patterns_dialog (HsWindow *self);
void hs_window_export_png_dialog (HsWindow *self);
gboolean hs_window_is_opening (HsWindow *self);
/* The name patterns of Open's default filter. */
extern const char *const hs_window_open_patterns[];

/* hs-window-views.c: the centre's views: canvas, landscape, plane, basins,
 * weights, compare (win.view, Alt+1 ... Alt+6), F9 hides the left panel,
 * the canvas's stability overlay (win.stability-overlay). */
void hs_window_views_class_init (GtkWidgetClass *widget_class);
void hs_window_views_actions_init (HsWindow *self);
void hs_window_views_init (HsWindow *self);
void hs_window_views_dispose (HsWindow *self);
/* Shows the view called name ("canvas", "landscape", "plane", "basins",
 * "weights", "compare": a lesson's view names); FALSE for another name. */
gboolean hs_window_show_view (HsWindow *self, const char *name);
const char *hs_window_get_view_name (HsWindow *self);
/* The view widget of a page (the canvas page: the probe editor; the
 * comparison exists only while it is shown, NULL otherwise). */
GtkWidget *hs_window_get_view (HsWindow *self, const char *name);

/* hs-window-projector.c: the remembered size, projector mode, F11
 * (win.fullscreen) and the tour (win.tour). */
void hs_window_state_init (HsWindow *self);

/* hs-window-prefs.c: the preferences' defaults, applied live, and
 * win.new-lesson. */
void hs_window_prefs_init (HsWindow *self);
