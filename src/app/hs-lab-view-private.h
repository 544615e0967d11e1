/* hs-lab-view-private.h: what hs-lab-view.c shares with hs-lab-kept.c
 * (the results kept in the session). */
#pragma once

#include "hs-document.h"
#include "hs-lab-run.h"
#include "hs-lab-view.h"

struct _HsLabView
{
  GtkWidget parent_instance;
  GtkWidget *kind_dropdown, *quick_switch, *run_button, *progress;
  GtkWidget *export_plot_button, *export_table_button, *params_grid, *stack;
  GtkWidget *chart_area, *images_area, *status_label;
  GtkWidget *labels[LAB_NPARAMS], *entries[LAB_NPARAMS];
  HsLabKind kind;
  LabRun *run; /* the run shown (running or finished), or NULL */
  HsJob *job;
  gboolean finished;
  size_t per_row;  /* Fig. 1 images side by side */
  gint64 eta_time; /* the time left: progress rate over recent seconds */
  double eta_progress, rate;
  /* results kept in the session (hs-lab-kept.c) */
  GtkWidget *kept_dropdown, *show_kept_button, *delete_kept_button, *label_entry;
  GtkWidget *keep_button, *keep_popover;
  HsDocument *doc;
  gboolean kept_shown;   /* the run shown is a kept result */
  gboolean run_kept;     /* the finished run shown was kept already */
  gboolean kept_syncing; /* the kept list is being rebuilt or set, not chosen */
};

void lab_set_status (HsLabView *self, const char *text);
void lab_update_buttons (HsLabView *self);
void lab_show_progress (HsLabView *self, double p);

/* hs-lab-kept.c */
void lab_kept_class_init (GtkWidgetClass *widget_class);
void lab_kept_init (HsLabView *self);
void lab_kept_dispose (HsLabView *self);
/* The kept row's sensitivity and the keep button's. */
void lab_kept_update (HsLabView *self);
