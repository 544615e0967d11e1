/* hs-lab-run.c: one run of the lab: parameters, the worker, CSV. */
#include "hs-lab-run.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "hf-samples.h"

/* The paper's parameters and the Quick ones (as `hopfield experiment`). */
static const LabKindInfo kinds[LAB_NKINDS] = {
  [HS_LAB_CAPACITY] = { N_ ("Capacity (Fig. 2 left)"),
                        { "opr01,perceptron,mpf", "64", "4:120:4", NULL, "20", NULL, NULL,
                          NULL, NULL, NULL, "1" },
                        { "opr01,perceptron,mpf", "32", "4:64:4", NULL, "3", NULL, NULL,
                          NULL, NULL, NULL, "1" } },
  [HS_LAB_TIMING] = { N_ ("Training time (Fig. 2 right)"),
                      { "opr01,perceptron,mpf", "64", "4:120:4", NULL, "20", NULL, NULL,
                        NULL, NULL, NULL, "1" },
                      { "opr01,perceptron,mpf", "32", "4:64:4", NULL, "3", NULL, NULL,
                        NULL, NULL, NULL, "1" } },
  [HS_LAB_DENOISE] = { N_ ("Denoising (Fig. 3)"),
                       { "perceptron,mpf", "128", "16,32,48,64", "0:64:4", "5", "4", NULL,
                         NULL, NULL, NULL, "1" },
                       { "perceptron,mpf", "64", "8,16", "0:32:4", "2", "2", NULL, NULL,
                         NULL, NULL, "1" } },
  [HS_LAB_NOISY]
  = { N_ ("Learning from corrupted samples (Fig. 4)"),
      { "perceptron,mpf", "64", "1:16:1", "20", "13", NULL, "200", NULL, NULL, NULL,
        "1" },
      { "perceptron,mpf", "64", "1:6:1", "20", "2", NULL, "50", NULL, NULL, NULL, "1" } },
  [HS_LAB_IMAGES] = { N_ ("Images from corrupted samples (Fig. 1)"),
                      { "mpf,hebbian,perceptron", NULL, NULL, NULL, NULL, NULL, "1", NULL,
                        "80", "300", "1" },
                      { "mpf,hebbian,perceptron", NULL, NULL, NULL, NULL, NULL, "1", NULL,
                        "16", "60", "1" } },
  [HS_LAB_SCALING]
  = { N_ ("Scaling of MPF's training time"),
      { "mpf", NULL, "32,64,128,256,512,1024", NULL, "10", NULL, NULL, NULL, NULL, NULL,
        "1" },
      { "mpf", NULL, "32,64,128,256", NULL, "2", NULL, NULL, NULL, NULL, NULL, "1" } },
  [HS_LAB_MARGIN]
  = { N_ ("Stopping margin and denoising"),
      { "mpf", "128", "32", "0:64:4", "4", "4", NULL, "0.1,0.5,1,2,4,0", NULL, NULL,
        "1" },
      { "mpf", "64", "16", "0:32:4", "2", "2", NULL, "0.5,1,4", NULL, NULL, "1" } },
};

const LabKindInfo *
lab_kind_info (HsLabKind kind)
{
  return &kinds[kind];
}

const char *
lab_param_label (LabParam p)
{
  return hp_lab_param_label (p);
}

static void
lab_run_clear (gpointer p)
{
  LabRun *run = p;
  hp_lab_spec_clear (&run->spec);
  for (int k = 0; k < LAB_NPARAMS; k++)
    g_free (run->texts[k]);
  g_free (run->rows);
  if (run->images)
    hf_images_result_free (run->images);
}

LabRun *
lab_run_ref (LabRun *run)
{
  return g_atomic_rc_box_acquire (run);
}

void
lab_run_unref (LabRun *run)
{
  g_atomic_rc_box_release_full (run, lab_run_clear);
}

size_t
lab_run_done (LabRun *run)
{
  return atomic_load_explicit (&run->done, memory_order_acquire);
}

static LabRun *
lab_run_alloc (HsLabKind kind)
{
  LabRun *run = g_atomic_rc_box_new0 (LabRun);
  run->kind = kind;
  run->exponent = NAN;
  return run;
}

LabRun *
lab_run_new (HsLabKind kind, const char *const *t, GError **error)
{
  LabRun *run = lab_run_alloc (kind);
  if (!hp_lab_spec_parse (&run->spec, (HpLabKind)kind, t, error))
    {
      lab_run_unref (run);
      return NULL;
    }
  for (int p = 0; p < LAB_NPARAMS; p++)
    run->texts[p] = g_strdup (t[p]);
  size_t row = hp_lab_row_size ((HpLabKind)kind);
  run->rows = g_malloc0_n (run->spec.total > 0 ? run->spec.total : 1, row > 0 ? row : 1);
  return run;
}

LabRun *
lab_run_new_kept (const HfSessionResult *result, GError **error)
{
  const char *texts[LAB_NPARAMS];
  HpLabSpec spec;
  void *rows;
  HfImagesResult *images;
  if (!hp_lab_result_read (result, texts, &spec, &rows, &images, error))
    return NULL;
  LabRun *run = lab_run_alloc ((HsLabKind)spec.kind);
  run->spec = spec;
  for (int p = 0; p < LAB_NPARAMS; p++)
    run->texts[p] = g_strdup (texts[p]);
  run->rows = rows ? rows : g_malloc0 (1);
  run->images = images;
  atomic_store (&run->done, spec.kind == HP_LAB_IMAGES ? 1 : spec.total);
  return run;
}

gboolean
lab_run_keep (LabRun *run, const char *label, HfSessionResult *r)
{
  return hp_lab_result_fill (r, &run->spec, (const char *const *)run->texts, run->rows,
                             run->images, label, g_get_real_time () / G_USEC_PER_SEC);
}

typedef struct
{
  HsJob *job;
  double base, span;
} Prog;

static bool
progress_cb (double fraction, void *user)
{
  Prog *p = user;
  hs_job_set_progress (p->job, p->base + p->span * fraction);
  return !atomic_load (hs_job_cancel_flag (p->job));
}

static HfStatus
run_images (LabRun *run, Prog *p, HfError *err)
{
  HfPatterns *all = hf_sample_load ("fingerprints-64", err);
  if (!all)
    return err->code;
  HfPatterns *D = hf_patterns_new (all->width, all->height, err);
  HfStatus st = D ? HF_OK : err->code;
  for (size_t k = 0; st == HF_OK && k < run->spec.nimages && k < all->m; k++)
    st = hf_patterns_append (D, hf_patterns_get (all, k), err);
  hf_patterns_free (all);
  HfImagesOptions o;
  hf_images_options_init (&o);
  o.copies = run->spec.copies;
  o.max_steps = run->spec.steps;
  o.seed = run->spec.seed;
  if (st == HF_OK)
    st = hf_experiment_images (D, &o, run->spec.rules, run->spec.nrules, &run->images,
                               progress_cb, p, err);
  hf_patterns_free (D);
  return st;
}

/* One chunk (one row, or one series of nk rows) of the table. */
static HfStatus
run_chunk (LabRun *run, size_t c, Prog *p, HfError *err)
{
  HfTrainOptions opts;
  size_t nm = run->spec.nm > 0 ? run->spec.nm : 1;
  HfRule rule
      = run->spec
            .rules[run->kind == HS_LAB_SCALING || run->kind == HS_LAB_MARGIN ? 0
                                                                             : c / nm];
  hf_train_options_init (&opts, rule);
  size_t r = c % nm;
  switch (run->kind)
    {
    case HS_LAB_CAPACITY:
    case HS_LAB_TIMING:
      return hf_experiment_capacity_mt (
          &opts, run->spec.n, run->spec.ms + r, 1, run->spec.trials, run->spec.seed, 0,
          (HfCapacityRow *)run->rows + c, progress_cb, p, err);
    case HS_LAB_DENOISE:
      return hf_experiment_denoise_grid_mt (
          &opts, run->spec.n, run->spec.ms + r, 1, run->spec.ks, run->spec.nk,
          run->spec.trials, run->spec.probes, run->spec.seed, 0,
          (HfDenoiseRow *)run->rows + c * run->spec.nk, progress_cb, p, err);
    case HS_LAB_NOISY:
      return hf_experiment_noisy_mt (&opts, run->spec.n, run->spec.ms + r, 1,
                                     run->spec.ks[0], false, run->spec.copies,
                                     run->spec.trials, run->spec.seed, 0,
                                     (HfNoisyRow *)run->rows + c, progress_cb, p, err);
    case HS_LAB_SCALING:
      {
        double e;
        return hf_experiment_scaling (&opts, run->spec.ms + c, 1, run->spec.trials,
                                      run->spec.seed, 128, (HfScalingRow *)run->rows + c,
                                      &e, progress_cb, p, err);
      }
    case HS_LAB_MARGIN:
      return hf_experiment_margin (
          &opts, run->spec.n, run->spec.ms[0], run->spec.margins + c, 1, run->spec.ks,
          run->spec.nk, run->spec.trials, run->spec.probes, run->spec.seed, 0,
          (HfDenoiseRow *)run->rows + c * run->spec.nk, progress_cb, p, err);
    case HS_LAB_IMAGES:
      break;
    }
  return run_images (run, p, err);
}

static double
chunk_weight (const LabRun *run, size_t c)
{
  size_t nm = run->spec.nm > 0 ? run->spec.nm : 1;
  switch (run->kind)
    {
    case HS_LAB_CAPACITY:
    case HS_LAB_TIMING:
    case HS_LAB_DENOISE:
    case HS_LAB_NOISY:
      return (double)run->spec.ms[c % nm] + 1;
    case HS_LAB_SCALING:
      return pow ((double)run->spec.ms[c], 2.5);
    case HS_LAB_MARGIN:
    case HS_LAB_IMAGES:
      break;
    }
  return 1;
}

gboolean
lab_run_work (HsJob *job, gpointer data, GError **error)
{
  LabRun *run = data;
  HfError err = { 0 };
  Prog p = { job, 0, 1 };
  size_t per
      = run->kind == HS_LAB_DENOISE || run->kind == HS_LAB_MARGIN ? run->spec.nk : 1;
  size_t chunks = run->kind == HS_LAB_IMAGES ? 1 : run->spec.total / (per > 0 ? per : 1);
  HfStatus st = HF_OK;
  /* Progress weighs each chunk by its rough cost, so the time left is fair. */
  double total = 0, base = 0;
  for (size_t c = 0; c < chunks; c++)
    total += chunk_weight (run, c);
  for (size_t c = 0; st == HF_OK && c < chunks; c++)
    {
      p.span = chunk_weight (run, c) / total;
      p.base = base / total;
      base += chunk_weight (run, c);
      st = run_chunk (run, c, &p, &err);
      if (st == HF_OK)
        atomic_store_explicit (&run->done, (c + 1) * per, memory_order_release);
    }
  if (st != HF_OK)
    g_set_error_literal (error, G_IO_ERROR,
                         st == HF_ECANCELLED ? G_IO_ERROR_CANCELLED : G_IO_ERROR_FAILED,
                         err.message);
  return st == HF_OK;
}

bool
lab_run_chart (LabRun *run, HpLabChart *c)
{
  return hp_lab_spec_chart (&run->spec, run->rows, lab_run_done (run), c, &run->exponent);
}

gboolean
lab_run_export_csv (LabRun *run, const char *path, GError **error)
{
  size_t done = lab_run_done (run);
  if (done == 0 || (run->kind == HS_LAB_IMAGES && !run->images))
    {
      g_set_error_literal (
          error, G_IO_ERROR, G_IO_ERROR_FAILED,
          _ ("There is no table to export yet: run an experiment first."));
      return FALSE;
    }
  HsCsv *csv = hs_csv_open (path, error);
  if (!csv)
    return FALSE;
  GString *text = hp_lab_table_csv (&run->spec, run->rows, done, run->images);
  hs_csv_text (csv, text->str);
  g_string_free (text, TRUE);
  return hs_csv_close (csv, error);
}
