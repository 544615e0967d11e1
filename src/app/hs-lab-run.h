/* hs-lab-run.h: one run of the lab (hs-lab-view.c): parameters parsed from
 * text, the table filled in a worker thread row by row, CSV export. */
#pragma once

#include <stdatomic.h>

#include "hf-experiment-images.h"
#include "hp-lab.h"
#include "hs-lab-view.h"
#include "hs-view-util.h"

typedef enum
{
  LAB_P_RULES,
  LAB_P_N,
  LAB_P_MS,
  LAB_P_KS,
  LAB_P_TRIALS,
  LAB_P_PROBES,
  LAB_P_COPIES,
  LAB_P_MARGINS,
  LAB_P_IMAGES,
  LAB_P_STEPS,
  LAB_P_SEED,
  LAB_NPARAMS
} LabParam;

#define LAB_NKINDS 7
#define LAB_MAX_RULES 8

typedef struct
{
  const char *name;                                   /* translatable */
  const char *full[LAB_NPARAMS], *quick[LAB_NPARAMS]; /* NULL: not used */
} LabKindInfo;

const LabKindInfo *lab_kind_info (HsLabKind kind);
const char *lab_param_label (LabParam p);

typedef struct
{
  HsLabKind kind;
  HfRule rules[LAB_MAX_RULES];
  size_t nrules, n, trials, probes, copies, nimages, steps;
  unsigned long seed;
  size_t *ms, nm, *ks, nk;
  double *margins;
  size_t nmargins;
  void *rows;         /* the table */
  size_t total;       /* its rows */
  atomic_size_t done; /* rows filled (release-stored by the worker) */
  HfImagesResult *images;
  double exponent; /* scaling */
  gint64 started;  /* monotonic, microseconds */
} LabRun;

/* Parses the texts (LAB_NPARAMS, NULL where unused); NULL with error. */
LabRun *lab_run_new (HsLabKind kind, const char *const *texts, GError **error);
LabRun *lab_run_ref (LabRun *run);
void lab_run_unref (LabRun *run);
size_t lab_run_done (LabRun *run);
/* The worker (HsJobFunc); data is a LabRun reference. */
gboolean lab_run_work (HsJob *job, gpointer data, GError **error);
/* The chart of the rows filled so far (not for images). */
bool lab_run_chart (LabRun *run, HpLabChart *chart);
gboolean lab_run_export_csv (LabRun *run, const char *path, GError **error);
