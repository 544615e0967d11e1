/* hs-view-util.h: what every landscape view shares.
 *
 * HsJob: long work in a GTask thread, with progress in [0, 1], a C11
 * cancel flag the engine polls, and a result handed back on the main
 * thread only when the job was not cancelled and its owner still exists.
 * Export: a view's drawing as PNG or SVG, and CSV files written atomically
 * with numbers in the C locale. */
#pragma once

#include <gtk/gtk.h>
#include <stdatomic.h>

#include "hf-network.h"
#include "hf-patterns.h"
#include "hp-draw.h"

G_BEGIN_DECLS

typedef struct _HsJob HsJob;

/* Runs in the worker: poll hs_job_cancel_flag, report hs_job_set_progress. */
typedef gboolean (*HsJobFunc) (HsJob *job, gpointer data, GError **error);
/* Main thread, at the end, unless the job was cancelled or its owner
 * finalized. After it returns the job is freed: forget the pointer. */
typedef void (*HsJobDone) (GObject *owner, gpointer data, const GError *error);
/* Main thread, about every 100 ms while the job runs. */
typedef void (*HsJobTick) (GObject *owner, double progress);

HsJob *hs_job_run (GObject *owner, HsJobFunc func, HsJobDone done, HsJobTick tick,
                   gpointer data, GDestroyNotify destroy);
/* Stops the job: done is not called, the job frees itself when its thread
 * ends. Forget the pointer. */
void hs_job_cancel (HsJob *job);
const atomic_int *hs_job_cancel_flag (HsJob *job);
void hs_job_set_progress (HsJob *job, double fraction);
double hs_job_get_progress (HsJob *job);

/* A network and its patterns, copied once and shared read-only between a
 * view and its jobs (reference counted). */
typedef struct
{
  HfNetwork *net;
  HfPatterns *patterns; /* may be NULL */
} HsNetData;

/* Copies net and patterns (patterns may be NULL); NULL with error when the
 * sizes disagree or memory is short. */
HsNetData *hs_net_data_new (const HfNetwork *net, const HfPatterns *patterns, guint width,
                            guint height, GError **error);
HsNetData *hs_net_data_ref (HsNetData *data);
void hs_net_data_unref (HsNetData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsNetData, hs_net_data_unref)

/* Exports a view's drawing (PNG or SVG by extension) with the widget's
 * colours at width x height (the widget's size when 0). */
gboolean hs_view_export (GtkWidget *widget, const char *path, int width, int height,
                         HpDrawFunc draw, gpointer data, GError **error);

/* Rows that wrap in a narrow window are GtkFlowBoxes: makes every flow box
 * child under widget unfocusable, so that Tab goes to the controls in them
 * and not also to the flow box's own children around them. */
void hs_flow_box_children_unfocusable (GtkWidget *widget);

/* CSV written to a temporary file and renamed over path when complete. */
typedef struct _HsCsv HsCsv;
HsCsv *hs_csv_open (const char *path, GError **error);
/* Text as it is (no quoting: callers write numbers and fixed words). */
void hs_csv_text (HsCsv *csv, const char *text);
void hs_csv_int (HsCsv *csv, gint64 v);
/* A double with %.9g in the C locale ("nan" for NaN). */
void hs_csv_double (HsCsv *csv, double v);
void hs_csv_sep (HsCsv *csv);
void hs_csv_end_row (HsCsv *csv);
/* Flushes, syncs and renames; FALSE with error (and nothing written). */
gboolean hs_csv_close (HsCsv *csv, GError **error);

G_END_DECLS
