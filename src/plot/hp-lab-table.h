/* hp-lab-table.h: one Lab experiment as plain data, shared by the studio's
 * Lab (running, keeping and showing results) and `hopfield experiment
 * show`, so that both read, print and draw a kept result with the same
 * code: the parameters parsed from their texts (HpLabSpec), the engine's
 * rows as a table of doubles (what a session keeps, HfSessionResult), the
 * table as CSV, and its chart (hp-lab.h). No GTK. */
#pragma once

#include <glib.h>

#include "hf-session.h"
#include "hp-lab.h"

/* In the order of the Lab's experiment menu (HsLabKind). */
typedef enum
{
  HP_LAB_CAPACITY,
  HP_LAB_TIMING,
  HP_LAB_DENOISE,
  HP_LAB_NOISY,
  HP_LAB_IMAGES,
  HP_LAB_SCALING,
  HP_LAB_MARGIN,
  HP_LAB_NKINDS
} HpLabKind;

typedef enum
{
  HP_LAB_P_RULES,
  HP_LAB_P_N,
  HP_LAB_P_MS,
  HP_LAB_P_KS,
  HP_LAB_P_TRIALS,
  HP_LAB_P_PROBES,
  HP_LAB_P_COPIES,
  HP_LAB_P_MARGINS,
  HP_LAB_P_IMAGES,
  HP_LAB_P_STEPS,
  HP_LAB_P_SEED,
  HP_LAB_NPARAMS
} HpLabParam;

#define HP_LAB_MAX_RULES 8

/* "capacity", ... as `hopfield experiment` names them. */
const char *hp_lab_kind_name (HpLabKind kind);
gboolean hp_lab_kind_from_name (const char *name, HpLabKind *kind);
/* "rules", "n", "m", "k", "trials", ...: the keys a session stores. */
const char *hp_lab_param_key (HpLabParam p);
/* "Rules", "Neurons n", ...: translated. */
const char *hp_lab_param_label (HpLabParam p);

typedef struct
{
  HpLabKind kind;
  HfRule rules[HP_LAB_MAX_RULES];
  size_t nrules, n, trials, probes, copies, nimages, steps;
  unsigned long seed;
  size_t *ms, nm, *ks, nk; /* m values (scaling: n values); bits flipped */
  double *margins;
  size_t nmargins;
  size_t total; /* rows of the table (images: one per image) */
} HpLabSpec;

/* Parses texts (HP_LAB_NPARAMS, NULL where the kind has no such parameter)
 * into s; FALSE with a translated message naming the parameter. */
gboolean hp_lab_spec_parse (HpLabSpec *s, HpLabKind kind, const char *const *texts,
                            GError **error);
void hp_lab_spec_clear (HpLabSpec *s);
/* The size of one engine row (HfCapacityRow, ...); images: 0. */
size_t hp_lab_row_size (HpLabKind kind);

/* The chart of the first `done` rows (not for images); *exponent (may be
 * NULL) receives the scaling fit. */
gboolean hp_lab_spec_chart (const HpLabSpec *s, const void *rows, size_t done,
                            HpLabChart *chart, double *exponent);
/* The table as CSV text (a header, then the first `done` rows; images: one
 * row per image of res), as the Lab's Export Table writes it. */
GString *hp_lab_table_csv (const HpLabSpec *s, const void *rows, size_t done,
                           const HfImagesResult *res);

/* A finished run as a session's kept result: kind, the parameter texts
 * given, the table, the Fig. 1 states (res, images only), label and time.
 * FALSE (r zeroed) when out of memory. */
gboolean hp_lab_result_fill (HfSessionResult *r, const HpLabSpec *s,
                             const char *const *texts, const void *rows,
                             const HfImagesResult *res, const char *label, gint64 time);
/* A kept result read back: the parameter texts (texts[p] borrowed from r,
 * NULL when absent), the spec, the rows (g_free) and, for images, the
 * Fig. 1 result (hf_images_result_free). FALSE with a message when the
 * result does not fit its own parameters. */
gboolean hp_lab_result_read (const HfSessionResult *r, const char **texts, HpLabSpec *s,
                             void **rows, HfImagesResult **res, GError **error);
