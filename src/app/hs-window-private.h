/* hs-window-private.h: what the window's files (and its tests) share. */
#pragma once

#include "hf-image.h"
#include "hf-network.h"
#include "hf-patterns.h"
#include "hf-recall.h"
#include "hf-session.h"
#include "hf-train.h"
#include "hs-energy-plot.h"
#include "hs-overlap-chart.h"
#include "hs-pattern-canvas.h"
#include "hs-window.h"

typedef struct _HsTrainJob HsTrainJob;

struct _HsWindow
{
  GtkApplicationWindow parent_instance;

  /* template children */
  GtkInfoBar *banner;
  GtkLabel *banner_label;
  GtkLabel *library_caption;
  GtkFlowBox *library_box;
  GtkDropDown *rule_dropdown;
  GtkLabel *rule_description;
  GtkWidget *lr_label, *lr_spin, *iter_label, *iter_spin, *margin_label, *margin_spin;
  GtkCheckButton *thresholds_check;
  GtkProgressBar *train_progress;
  GtkLabel *train_result;
  GtkDropDown *size_dropdown;
  GtkToggleButton *tool_draw, *tool_clamp, *tool_occlude;
  GtkRevealer *import_revealer;
  GtkLabel *import_label;
  GtkScale *threshold_scale;
  GtkCheckButton *otsu_check, *import_invert_check;
  HsPatternCanvas *canvas;
  GtkSpinButton *corrupt_spin;
  GtkLabel *probe_label;
  GtkDropDown *mode_dropdown, *tie_dropdown;
  GtkScale *temperature_scale, *speed_scale;
  GtkSpinButton *seed_spin;
  GtkLabel *speed_label;
  GtkButton *play_button;
  GtkLabel *outcome_label, *counter_label, *neuron_label;
  HsEnergyPlot *energy_plot;
  HsOverlapChart *overlap_chart;

  /* the document */
  guint width, height;
  HfPatterns *library;
  HfNetwork *net;   /* NULL until trained or opened */
  HfRecall *recall; /* follows net */
  int8_t *probe;    /* where recall starts (and Reset returns) */
  int8_t *source;   /* the clean pattern corruption is applied to */
  gulong corrupt_seed;
  gboolean stale; /* the library changed since the network was trained */
  HfImage *import_image;
  float *import_cells; /* the image averaged onto the grid, for the live threshold */
  guint import_w, import_h;
  gboolean opening;      /* files are being read in a worker */
  gboolean setting_size; /* the size dropdown is being set by code */

  /* playing */
  gboolean playing;
  guint tick_id;
  gint64 last_frame_time;
  double step_debt;
  guint64 frames;
  gint64 last_text_update; /* labels refresh at most 10 times/s while playing */
  double *overlaps;

  /* training */
  HsTrainJob *job;
  guint progress_source;
};

/* hs-window.c */
void hs_window_show_message (HsWindow *self, GtkMessageType type, const char *format, ...)
    G_GNUC_PRINTF (3, 4);
void hs_window_set_grid (HsWindow *self, guint width, guint height);
void hs_window_set_library (HsWindow *self, HfPatterns *set); /* takes ownership */
void hs_window_library_changed (HsWindow *self);
void hs_window_set_probe (HsWindow *self, const int8_t *s, gboolean as_source);
void hs_window_set_network (HsWindow *self, HfNetwork *net); /* takes ownership */
void hs_window_recall_restart (HsWindow *self);
void hs_window_update_actions (HsWindow *self);

/* hs-window-train.c */
void hs_window_train (HsWindow *self);
void hs_window_cancel_training (HsWindow *self);
gboolean hs_window_is_training (HsWindow *self);
void hs_window_train_dispose (HsWindow *self);

/* hs-window-files.c */
void hs_window_files_init (HsWindow *self);
void hs_window_open_dialog (HsWindow *self);
void hs_window_save_network_dialog (HsWindow *self);
void hs_window_save_patterns_dialog (HsWindow *self);
void hs_window_save_session_dialog (HsWindow *self);
/* The window's document as a session (borrowed pointers: do not free). */
void hs_window_describe_session (HsWindow *self, HfSession *out);
/* Replaces the document by the session, which it takes over. */
void hs_window_apply_session (HsWindow *self, HfSession *session);
void hs_window_export_png_dialog (HsWindow *self);
void hs_window_import_refresh (HsWindow *self);
void hs_window_import_close (HsWindow *self);
gboolean hs_window_is_opening (HsWindow *self);
