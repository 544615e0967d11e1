/* hs-lab-run.h: one run of the lab (hs-lab-view.c): parameters parsed from
 * text, the table filled in a worker thread row by row, CSV export. */
#pragma once

#include <stdatomic.h>

#include "hf-experiment-images.h"
#include "hp-lab-table.h"
#include "hs-lab-view.h"
#include "hs-view-util.h"

/* The parameters, as hp-lab-table.h numbers them. */
typedef HpLabParam LabParam;
#define LAB_P_RULES HP_LAB_P_RULES
#define LAB_P_N HP_LAB_P_N
#define LAB_P_MS HP_LAB_P_MS
#define LAB_P_KS HP_LAB_P_KS
#define LAB_P_TRIALS HP_LAB_P_TRIALS
#define LAB_P_PROBES HP_LAB_P_PROBES
#define LAB_P_COPIES HP_LAB_P_COPIES
#define LAB_P_MARGINS HP_LAB_P_MARGINS
#define LAB_P_IMAGES HP_LAB_P_IMAGES
#define LAB_P_STEPS HP_LAB_P_STEPS
#define LAB_P_SEED HP_LAB_P_SEED
#define LAB_NPARAMS HP_LAB_NPARAMS

#define LAB_NKINDS 7

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
  HpLabSpec spec;           /* parsed from texts */
  char *texts[LAB_NPARAMS]; /* as given (NULL: not used), kept with the result */
  void *rows;               /* the table: spec.total engine rows */
  atomic_size_t done;       /* rows filled (release-stored by the worker; images: 1) */
  HfImagesResult *images;
  double exponent; /* scaling */
  gint64 started;  /* monotonic, microseconds */
} LabRun;

/* Parses the texts (LAB_NPARAMS, NULL where unused); NULL with error. */
LabRun *lab_run_new (HsLabKind kind, const char *const *texts, GError **error);
/* A finished run from a session's kept result (nothing is recomputed);
 * NULL with error when it cannot be read back. */
LabRun *lab_run_new_kept (const HfSessionResult *result, GError **error);
/* The finished run as a kept result (r owns what it holds); FALSE when
 * out of memory. */
gboolean lab_run_keep (LabRun *run, const char *label, HfSessionResult *r);
LabRun *lab_run_ref (LabRun *run);
void lab_run_unref (LabRun *run);
size_t lab_run_done (LabRun *run);
/* The worker (HsJobFunc); data is a LabRun reference. */
gboolean lab_run_work (HsJob *job, gpointer data, GError **error);
/* The chart of the rows filled so far (not for images). */
bool lab_run_chart (LabRun *run, HpLabChart *chart);
gboolean lab_run_export_csv (LabRun *run, const char *path, GError **error);
