/* hs-panels-private.h: the panels' instance structures, for the panels
 * themselves and the GUI tests (which look at their widgets). */
#pragma once

#include "hs-energy-plot.h"
#include "hs-library-panel.h"
#include "hs-overlap-chart.h"
#include "hs-probe-editor.h"
#include "hs-recall-panel.h"
#include "hs-timeline.h"
#include "hs-train-panel.h"
#include "hs-undo.h"

struct _HsLibraryPanel
{
  GtkBox parent_instance;
  HsDocument *doc;
  GtkLabel *caption;
  GtkFlowBox *flow;
};

struct _HsTrainPanel
{
  GtkBox parent_instance;
  HsDocument *doc;
  GtkDropDown *rule_dropdown;
  GtkLabel *rule_description;
  GtkWidget *lr_label, *lr_spin, *iter_label, *iter_spin, *margin_label, *margin_spin;
  GtkCheckButton *thresholds_check;
  GtkProgressBar *train_progress;
  GtkLabel *train_result;
  struct _HsTrainJob *job;
  guint progress_source;
  gboolean syncing; /* widgets are being set from the document */
};

struct _HsProbeEditor
{
  GtkBox parent_instance;
  HsDocument *doc;
  HsRecallPlayer *player;
  GtkDropDown *size_dropdown;
  GtkToggleButton *tool_draw, *tool_clamp, *tool_occlude;
  GtkRevealer *import_revealer;
  GtkLabel *import_label;
  GtkScale *threshold_scale;
  GtkCheckButton *otsu_check, *import_invert_check;
  GtkScrolledWindow *scroller;
  HsPatternCanvas *canvas;
  GtkSpinButton *corrupt_spin;
  GtkLabel *probe_label;
  HfImage *import_image;
  float *import_cells; /* the image averaged onto the grid, for the live threshold */
  guint import_w, import_h;
  guint import_serial;  /* counts imports: one undo step each (hs-undo.h) */
  gboolean stroke_open; /* a stroke's undo group is open */
  gboolean syncing;     /* widgets are being set from the document */
};

struct _HsRecallPanel
{
  GtkBox parent_instance;
  HsDocument *doc;
  HsRecallPlayer *player;
  GtkDropDown *mode_dropdown, *tie_dropdown;
  GtkScale *temperature_scale, *speed_scale;
  GtkSpinButton *seed_spin;
  GtkLabel *speed_label;
  GtkButton *play_button;
  GtkLabel *outcome_label, *counter_label, *neuron_label;
  HsEnergyPlot *energy_plot;
  HsOverlapChart *overlap_chart;
  HsTimeline *timeline;
  guint shown_branches; /* branch marks on the timeline */
  double *overlaps;
  HfEvent last_event; /* of the last step, shown again when play stops */
  gboolean has_last_event;
  gint64 last_text_update; /* labels refresh at most 10 times/s while playing */
  gboolean syncing;
  GSettings *settings; /* the speed slider is the "playback-speed" key; NULL: none */
};
