/* hp-lab.h: the paper's figures from the experiment tables (hf-experiment.h),
 * shared by `hopfield experiment --plot` and the studio's Lab view, so both
 * draw the same chart from the same table.
 *
 * Every builder takes `done`, the number of table rows filled so far in
 * the table's own order (the Lab view draws while a run fills the table;
 * the CLI passes the whole count). The x axis spans every row asked for,
 * so the chart does not jump as rows arrive. An HpLabChart owns the
 * buffers its HpChart points to: release with hp_lab_chart_clear. */
#pragma once

#include "hf-experiment-images.h"
#include "hp-chart.h"

typedef struct
{
  HpChart chart;
  double *x, *y, *e;
  HpSeries *series;
  char (*labels)[64];
  HpRefLine refs[2];
  char ref_labels[2][48];
  char title[192];
} HpLabChart;

void hp_lab_chart_clear (HpLabChart *c);

/* rows: nrules x nm, rule-major (capacity and timing, Fig. 2). */
bool hp_lab_capacity_chart (HpLabChart *c, const HfCapacityRow *rows, size_t done,
                            const HfRule *rules, size_t nrules, const size_t *ms,
                            size_t nm, size_t n, size_t trials, bool timing);
/* rows: nrules x nm x nk (denoising, Fig. 3): one series per rule and m. */
bool hp_lab_denoise_chart (HpLabChart *c, const HfDenoiseRow *rows, size_t done,
                           const HfRule *rules, size_t nrules, const size_t *ms,
                           size_t nm, const size_t *ks, size_t nk, size_t n,
                           size_t trials);
/* rows: nrules x nm (Fig. 4): patterns stored and bits recalled per rule. */
bool hp_lab_noisy_chart (HpLabChart *c, const HfNoisyRow *rows, size_t done,
                         const HfRule *rules, size_t nrules, const size_t *ms, size_t nm,
                         size_t n, size_t flips, size_t trials);
/* rows: one per n; the fitted power law over the rows with n >= fit_from.
 * *exponent (may be NULL) receives the fitted exponent or NAN. */
bool hp_lab_scaling_chart (HpLabChart *c, const HfScalingRow *rows, size_t done,
                           const size_t *ns, size_t count, size_t fit_from,
                           const char *rule_name, size_t trials, double *exponent);
/* rows: nmargins x nk, margin-major. */
bool hp_lab_margin_chart (HpLabChart *c, const HfDenoiseRow *rows, size_t done,
                          const double *margins, size_t nmargins, const size_t *ks,
                          size_t nk, size_t n, size_t m);

/* Fig. 1: per image, a training copy, the probe and per rule the state
 * after one sweep and the converged state; per_row images side by side. */
void hp_lab_images_size (const HfImagesResult *res, size_t per_row, int *width,
                         int *height);
void hp_lab_images_draw (cairo_t *cr, const HpStyle *style, const HfImagesResult *res,
                         size_t per_row);
/* The panel under (x, y) in the drawing's coordinates: its state, or NULL. */
const int8_t *hp_lab_images_hit (const HfImagesResult *res, size_t per_row, double x,
                                 double y, size_t *image, size_t *panel);
