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
                      /* hf_images_preset (false) and (true) */
                      { "mpf,hebbian,perceptron", "4096", NULL, NULL, NULL, NULL, "1",
                        NULL, "80", "300", "1" },
                      { "mpf,hebbian,perceptron", "1024", NULL, NULL, NULL, NULL, "3",
                        NULL, "32", "100", "1" } },
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
  static const char *const labels[LAB_NPARAMS] = {
    N_ ("Rules"),  N_ ("Neurons n"),   N_ ("Patterns m"), N_ ("Bits flipped"),
    N_ ("Trials"), N_ ("Probes"),      N_ ("Copies"),     N_ ("Stopping margins"),
    N_ ("Images"), N_ ("Minibatches"), N_ ("Seed"),
  };
  return _ (labels[p]);
}

static gboolean
bad (GError **error, LabParam p, const char *why)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s: %s",
               lab_param_label (p), why);
  return FALSE;
}

static gboolean
parse_size (const char *s, size_t lo, size_t hi, size_t *out)
{
  char *end;
  errno = 0;
  while (*s == ' ')
    s++;
  if (*s < '0' || *s > '9')
    return FALSE;
  unsigned long long v = g_ascii_strtoull (s, &end, 10);
  while (*end == ' ')
    end++;
  if (errno || *end || v < lo || v > hi)
    return FALSE;
  *out = (size_t)v;
  return TRUE;
}

/* "A:B:STEP" or "A,B,C", each in [lo, hi], at most 4096 values. */
static gboolean
parse_list (const char *s, size_t lo, size_t hi, size_t **out, size_t *count)
{
  g_auto (GStrv) colon = g_strsplit (s, ":", -1);
  GArray *v = g_array_new (FALSE, FALSE, sizeof (size_t));
  gboolean ok = TRUE;
  if (g_strv_length (colon) == 3)
    {
      size_t a, b, step;
      ok = parse_size (colon[0], lo, hi, &a) && parse_size (colon[1], lo, hi, &b)
           && parse_size (colon[2], 1, hi, &step) && a <= b && (b - a) / step < 4096;
      for (size_t x = a; ok && x <= b; x += step)
        g_array_append_val (v, x);
    }
  else
    {
      g_auto (GStrv) parts = g_strsplit (s, ",", -1);
      for (size_t k = 0; ok && parts[k]; k++)
        {
          size_t x;
          ok = k < 4096 && parse_size (parts[k], lo, hi, &x);
          g_array_append_val (v, x);
        }
    }
  ok = ok && v->len > 0;
  *count = ok ? v->len : 0;
  *out = ok ? (size_t *)(void *)g_array_free (v, FALSE) : NULL;
  if (!ok)
    g_array_free (v, TRUE);
  return ok;
}

static void
lab_run_clear (gpointer p)
{
  LabRun *run = p;
  g_free (run->ms);
  g_free (run->ks);
  g_free (run->margins);
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

static gboolean
parse_rules (LabRun *run, const char *s, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (s, ",", -1);
  run->nrules = 0;
  for (size_t k = 0; parts[k]; k++)
    {
      char *name = g_strstrip (parts[k]);
      if (run->nrules == LAB_MAX_RULES
          || !hf_rule_from_name (name, &run->rules[run->nrules]))
        return bad (error, LAB_P_RULES,
                    _ ("unknown rule (use names such as mpf, perceptron, hebbian, opr01, "
                       "at most 8)"));
      run->nrules++;
    }
  return run->nrules > 0 || bad (error, LAB_P_RULES, _ ("name at least one rule"));
}

static gboolean
parse_margins (LabRun *run, const char *s, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (s, ",", -1);
  run->nmargins = g_strv_length (parts);
  run->margins = g_new0 (double, run->nmargins > 0 ? run->nmargins : 1);
  for (size_t k = 0; k < run->nmargins; k++)
    {
      char *end, *t = g_strstrip (parts[k]);
      run->margins[k] = g_ascii_strtod (t, &end);
      if (*t == 0 || *end || !(run->margins[k] >= 0) || run->margins[k] > 1000)
        return bad (error, LAB_P_MARGINS,
                    _ ("numbers from 0 to 1000 separated by commas"));
    }
  return run->nmargins > 0 || bad (error, LAB_P_MARGINS, _ ("give at least one"));
}

LabRun *
lab_run_new (HsLabKind kind, const char *const *t, GError **error)
{
  LabRun *run = g_atomic_rc_box_new0 (LabRun);
  run->kind = kind;
  run->n = 64;
  run->exponent = NAN;
  gboolean ok = parse_rules (run, t[LAB_P_RULES] ? t[LAB_P_RULES] : "mpf", error);
  size_t maxm = HF_MAX_PATTERNS;
  unsigned long long seed = 0;
  if (ok && t[LAB_P_N] && !parse_size (t[LAB_P_N], 2, 4096, &run->n))
    ok = bad (error, LAB_P_N, _ ("a whole number from 2 to 4096"));
  size_t side = (size_t)lround (sqrt ((double)run->n));
  if (ok && kind == HS_LAB_IMAGES && (side * side != run->n || side > 64))
    ok = bad (error, LAB_P_N,
              _ ("a square number up to 4096: 4096 takes the whole 64×64 images, 1024 "
                 "their 32×32 centres"));
  if (ok && t[LAB_P_MS] && kind == HS_LAB_SCALING
      && !parse_list (t[LAB_P_MS], 8, 4096, &run->ms, &run->nm))
    ok = bad (error, LAB_P_MS, _ ("n values from 8 to 4096, as A:B:STEP or A,B,C"));
  else if (ok && t[LAB_P_MS] && kind != HS_LAB_SCALING
           && !parse_list (t[LAB_P_MS], 1, maxm, &run->ms, &run->nm))
    ok = bad (error, LAB_P_MS, _ ("values of at least 1, as A:B:STEP or A,B,C"));
  if (ok && t[LAB_P_KS] && !parse_list (t[LAB_P_KS], 0, run->n, &run->ks, &run->nk))
    ok = bad (error, LAB_P_KS, _ ("values from 0 to n, as A:B:STEP or A,B,C"));
  if (ok && t[LAB_P_TRIALS] && !parse_size (t[LAB_P_TRIALS], 1, 100000, &run->trials))
    ok = bad (error, LAB_P_TRIALS, _ ("a whole number from 1 to 100000"));
  if (ok && t[LAB_P_PROBES] && !parse_size (t[LAB_P_PROBES], 1, 10000, &run->probes))
    ok = bad (error, LAB_P_PROBES, _ ("a whole number from 1 to 10000"));
  if (ok && t[LAB_P_COPIES] && !parse_size (t[LAB_P_COPIES], 1, 10000, &run->copies))
    ok = bad (error, LAB_P_COPIES, _ ("a whole number from 1 to 10000"));
  if (ok && t[LAB_P_MARGINS])
    ok = parse_margins (run, t[LAB_P_MARGINS], error);
  if (ok && t[LAB_P_IMAGES] && !parse_size (t[LAB_P_IMAGES], 1, 80, &run->nimages))
    ok = bad (error, LAB_P_IMAGES, _ ("a whole number from 1 to 80"));
  if (ok && t[LAB_P_STEPS] && !parse_size (t[LAB_P_STEPS], 1, 1000000, &run->steps))
    ok = bad (error, LAB_P_STEPS, _ ("a whole number from 1 to 1000000"));
  if (ok && t[LAB_P_SEED])
    {
      size_t s;
      ok = parse_size (t[LAB_P_SEED], 0, G_MAXUINT32, &s)
           || bad (error, LAB_P_SEED, _ ("a whole number from 0 to 4294967295"));
      seed = ok ? s : 0;
    }
  run->seed = (unsigned long)seed;
  if (!ok)
    {
      lab_run_unref (run);
      return NULL;
    }
  size_t row = sizeof (HfCapacityRow);
  switch (kind)
    {
    case HS_LAB_CAPACITY:
    case HS_LAB_TIMING:
      run->total = run->nrules * run->nm;
      break;
    case HS_LAB_DENOISE:
      run->total = run->nrules * run->nm * run->nk;
      row = sizeof (HfDenoiseRow);
      break;
    case HS_LAB_NOISY:
      run->total = run->nrules * run->nm;
      row = sizeof (HfNoisyRow);
      break;
    case HS_LAB_SCALING:
      run->total = run->nm;
      row = sizeof (HfScalingRow);
      break;
    case HS_LAB_MARGIN:
      run->total = run->nmargins * run->nk;
      row = sizeof (HfDenoiseRow);
      break;
    case HS_LAB_IMAGES:
      run->total = 1;
      break;
    }
  run->rows = g_malloc0_n (run->total > 0 ? run->total : 1, row);
  return run;
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
  /* The first images, cut to the side x side square at their centre. */
  size_t side = (size_t)lround (sqrt ((double)run->n));
  HfPatterns *D = hf_images_crop (all, MIN (run->nimages, all->m), side, side, err);
  HfStatus st = D ? HF_OK : err->code;
  hf_patterns_free (all);
  HfImagesOptions o;
  hf_images_options_init (&o);
  o.copies = run->copies;
  o.max_steps = run->steps;
  o.seed = run->seed;
  if (st == HF_OK)
    st = hf_experiment_images (D, &o, run->rules, run->nrules, &run->images, progress_cb,
                               p, err);
  hf_patterns_free (D);
  return st;
}

/* One chunk (one row, or one series of nk rows) of the table. */
static HfStatus
run_chunk (LabRun *run, size_t c, Prog *p, HfError *err)
{
  HfTrainOptions opts;
  size_t nm = run->nm > 0 ? run->nm : 1;
  HfRule rule
      = run->rules[run->kind == HS_LAB_SCALING || run->kind == HS_LAB_MARGIN ? 0
                                                                             : c / nm];
  hf_train_options_init (&opts, rule);
  size_t r = c % nm;
  switch (run->kind)
    {
    case HS_LAB_CAPACITY:
    case HS_LAB_TIMING:
      return hf_experiment_capacity_mt (&opts, run->n, run->ms + r, 1, run->trials,
                                        run->seed, 0, (HfCapacityRow *)run->rows + c,
                                        progress_cb, p, err);
    case HS_LAB_DENOISE:
      return hf_experiment_denoise_grid_mt (
          &opts, run->n, run->ms + r, 1, run->ks, run->nk, run->trials, run->probes,
          run->seed, 0, (HfDenoiseRow *)run->rows + c * run->nk, progress_cb, p, err);
    case HS_LAB_NOISY:
      return hf_experiment_noisy_mt (&opts, run->n, run->ms + r, 1, run->ks[0], false,
                                     run->copies, run->trials, run->seed, 0,
                                     (HfNoisyRow *)run->rows + c, progress_cb, p, err);
    case HS_LAB_SCALING:
      {
        double e;
        return hf_experiment_scaling (&opts, run->ms + c, 1, run->trials, run->seed, 128,
                                      (HfScalingRow *)run->rows + c, &e, progress_cb, p,
                                      err);
      }
    case HS_LAB_MARGIN:
      return hf_experiment_margin (&opts, run->n, run->ms[0], run->margins + c, 1,
                                   run->ks, run->nk, run->trials, run->probes, run->seed,
                                   0, (HfDenoiseRow *)run->rows + c * run->nk,
                                   progress_cb, p, err);
    case HS_LAB_IMAGES:
      break;
    }
  return run_images (run, p, err);
}

static double
chunk_weight (const LabRun *run, size_t c)
{
  size_t nm = run->nm > 0 ? run->nm : 1;
  switch (run->kind)
    {
    case HS_LAB_CAPACITY:
    case HS_LAB_TIMING:
    case HS_LAB_DENOISE:
    case HS_LAB_NOISY:
      return (double)run->ms[c % nm] + 1;
    case HS_LAB_SCALING:
      return pow ((double)run->ms[c], 2.5);
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
  size_t per = run->kind == HS_LAB_DENOISE || run->kind == HS_LAB_MARGIN ? run->nk : 1;
  size_t chunks = run->kind == HS_LAB_IMAGES ? 1 : run->total / (per > 0 ? per : 1);
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
  size_t done = lab_run_done (run);
  switch (run->kind)
    {
    case HS_LAB_CAPACITY:
    case HS_LAB_TIMING:
      return hp_lab_capacity_chart (c, run->rows, done, run->rules, run->nrules, run->ms,
                                    run->nm, run->n, run->trials,
                                    run->kind == HS_LAB_TIMING);
    case HS_LAB_DENOISE:
      return hp_lab_denoise_chart (c, run->rows, done, run->rules, run->nrules, run->ms,
                                   run->nm, run->ks, run->nk, run->n, run->trials);
    case HS_LAB_NOISY:
      return hp_lab_noisy_chart (c, run->rows, done, run->rules, run->nrules, run->ms,
                                 run->nm, run->n, run->ks[0], run->trials);
    case HS_LAB_SCALING:
      return hp_lab_scaling_chart (c, run->rows, done, run->ms, run->nm, 128,
                                   hf_rule_info (run->rules[0])->name, run->trials,
                                   &run->exponent);
    case HS_LAB_MARGIN:
      return hp_lab_margin_chart (c, run->rows, done, run->margins, run->nmargins,
                                  run->ks, run->nk, run->n, run->ms[0]);
    case HS_LAB_IMAGES:
      break;
    }
  return false;
}

static void
csv_row (HsCsv *csv, const double *v, size_t count, const char *last)
{
  for (size_t k = 0; k < count; k++)
    {
      hs_csv_double (csv, v[k]);
      hs_csv_sep (csv);
    }
  hs_csv_text (csv, last);
  hs_csv_end_row (csv);
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
  size_t nm = run->nm > 0 ? run->nm : 1, nk = run->nk > 0 ? run->nk : 1;
  switch (run->kind)
    {
    case HS_LAB_CAPACITY:
    case HS_LAB_TIMING:
      hs_csv_text (csv, "m,fraction_stored,all_stored,seconds,iterations,fraction_sd,"
                        "seconds_sd,rule");
      hs_csv_end_row (csv);
      for (size_t i = 0; i < done; i++)
        {
          const HfCapacityRow *r = (const HfCapacityRow *)run->rows + i;
          double v[] = { (double)r->m,  r->fraction_stored, r->all_stored, r->seconds,
                         r->iterations, r->fraction_sd,     r->seconds_sd };
          csv_row (csv, v, G_N_ELEMENTS (v), hf_rule_info (run->rules[i / nm])->name);
        }
      break;
    case HS_LAB_DENOISE:
      hs_csv_text (csv, "m,flips,recovered,rule");
      hs_csv_end_row (csv);
      for (size_t i = 0; i < done; i++)
        {
          const HfDenoiseRow *r = (const HfDenoiseRow *)run->rows + i;
          double v[] = { (double)run->ms[(i / nk) % nm], (double)r->flips, r->recovered };
          csv_row (csv, v, 3, hf_rule_info (run->rules[i / (nk * nm)])->name);
        }
      break;
    case HS_LAB_NOISY:
      hs_csv_text (csv, "m,patterns_stored,bits_recalled,rule");
      hs_csv_end_row (csv);
      for (size_t i = 0; i < done; i++)
        {
          const HfNoisyRow *r = (const HfNoisyRow *)run->rows + i;
          double v[] = { (double)r->m, r->patterns_stored, r->bits_recalled };
          csv_row (csv, v, 3, hf_rule_info (run->rules[i / nm])->name);
        }
      break;
    case HS_LAB_SCALING:
      hs_csv_text (csv, "n,m,seconds,seconds_sd,fraction_stored,rule");
      hs_csv_end_row (csv);
      for (size_t i = 0; i < done; i++)
        {
          const HfScalingRow *r = (const HfScalingRow *)run->rows + i;
          double v[] = { (double)r->n, (double)r->m, r->seconds, r->seconds_sd,
                         r->fraction_stored };
          csv_row (csv, v, 5, hf_rule_info (run->rules[0])->name);
        }
      break;
    case HS_LAB_MARGIN:
      hs_csv_text (csv, "margin,flips,recovered");
      hs_csv_end_row (csv);
      for (size_t i = 0; i < done; i++)
        {
          const HfDenoiseRow *r = (const HfDenoiseRow *)run->rows + i;
          hs_csv_double (csv, run->margins[i / nk]);
          hs_csv_sep (csv);
          hs_csv_int (csv, (gint64)r->flips);
          hs_csv_sep (csv);
          hs_csv_double (csv, r->recovered);
          hs_csv_end_row (csv);
        }
      break;
    case HS_LAB_IMAGES:
      hs_csv_text (csv, "image,fixed_point,recalled");
      for (size_t r = 1; r < run->images->nrules; r++)
        {
          const char *name = hf_rule_info (run->images->rules[r].rule)->name;
          hs_csv_text (csv, ",");
          hs_csv_text (csv, name);
          hs_csv_text (csv, "_fixed_point,");
          hs_csv_text (csv, name);
          hs_csv_text (csv, "_recalled");
        }
      hs_csv_end_row (csv);
      for (size_t k = 0; k < run->images->count; k++)
        {
          hs_csv_int (csv, (gint64)k + 1);
          for (size_t r = 0; r < run->images->nrules; r++)
            {
              hs_csv_sep (csv);
              hs_csv_int (csv, run->images->rules[r].fixed[k]);
              hs_csv_sep (csv);
              hs_csv_int (csv, run->images->rules[r].recall_ok[k]);
            }
          hs_csv_end_row (csv);
        }
      break;
    }
  return hs_csv_close (csv, error);
}
