/* hp-lab-table.c: a Lab experiment as plain data (see hp-lab-table.h). */
#include "config.h"

#include "hp-lab-table.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

static const char *const kind_names[HP_LAB_NKINDS]
    = { "capacity", "timing", "denoise", "noisy", "images", "scaling", "margin" };
static const char *const param_keys[HP_LAB_NPARAMS]
    = { "rules",  "n",       "m",      "k",     "trials", "probes",
        "copies", "margins", "images", "steps", "seed" };

const char *
hp_lab_kind_name (HpLabKind kind)
{
  return kind < HP_LAB_NKINDS ? kind_names[kind] : "unknown";
}

gboolean
hp_lab_kind_from_name (const char *name, HpLabKind *kind)
{
  for (int k = 0; k < HP_LAB_NKINDS; k++)
    if (g_strcmp0 (name, kind_names[k]) == 0)
      {
        *kind = (HpLabKind)k;
        return TRUE;
      }
  return FALSE;
}

const char *
hp_lab_param_key (HpLabParam p)
{
  return param_keys[p];
}

const char *
hp_lab_param_label (HpLabParam p)
{
  static const char *const labels[HP_LAB_NPARAMS] = {
    N_ ("Rules"),  N_ ("Neurons n"),   N_ ("Patterns m"), N_ ("Bits flipped"),
    N_ ("Trials"), N_ ("Probes"),      N_ ("Copies"),     N_ ("Stopping margins"),
    N_ ("Images"), N_ ("Minibatches"), N_ ("Seed"),
  };
  return _ (labels[p]);
}

static gboolean
bad (GError **error, HpLabParam p, const char *why)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s: %s",
               hp_lab_param_label (p), why);
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
  g_free (*out);
  *count = ok ? v->len : 0;
  *out = ok ? (size_t *)(void *)g_array_free (v, FALSE) : NULL;
  if (!ok)
    g_array_free (v, TRUE);
  return ok;
}

static gboolean
parse_rules (HpLabSpec *s, const char *text, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);
  s->nrules = 0;
  for (size_t k = 0; parts[k]; k++)
    {
      char *name = g_strstrip (parts[k]);
      if (s->nrules == HP_LAB_MAX_RULES
          || !hf_rule_from_name (name, &s->rules[s->nrules]))
        return bad (error, HP_LAB_P_RULES,
                    _ ("unknown rule (use names such as mpf, perceptron, hebbian, opr01, "
                       "at most 8)"));
      s->nrules++;
    }
  return s->nrules > 0 || bad (error, HP_LAB_P_RULES, _ ("name at least one rule"));
}

static gboolean
parse_margins (HpLabSpec *s, const char *text, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);
  s->nmargins = g_strv_length (parts);
  g_free (s->margins);
  s->margins = g_new0 (double, s->nmargins > 0 ? s->nmargins : 1);
  for (size_t k = 0; k < s->nmargins; k++)
    {
      char *end, *t = g_strstrip (parts[k]);
      s->margins[k] = g_ascii_strtod (t, &end);
      if (*t == 0 || *end || !(s->margins[k] >= 0) || s->margins[k] > 1000)
        return bad (error, HP_LAB_P_MARGINS,
                    _ ("numbers from 0 to 1000 separated by commas"));
    }
  return s->nmargins > 0 || bad (error, HP_LAB_P_MARGINS, _ ("give at least one"));
}

void
hp_lab_spec_clear (HpLabSpec *s)
{
  g_free (s->ms);
  g_free (s->ks);
  g_free (s->margins);
  memset (s, 0, sizeof *s);
}

gboolean
hp_lab_spec_parse (HpLabSpec *s, HpLabKind kind, const char *const *t, GError **error)
{
  memset (s, 0, sizeof *s);
  g_return_val_if_fail (kind < HP_LAB_NKINDS, FALSE);
  s->kind = kind;
  s->n = 64;
  gboolean ok = parse_rules (s, t[HP_LAB_P_RULES] ? t[HP_LAB_P_RULES] : "mpf", error);
  size_t maxm = HF_MAX_PATTERNS;
  if (ok && t[HP_LAB_P_N] && !parse_size (t[HP_LAB_P_N], 2, 4096, &s->n))
    ok = bad (error, HP_LAB_P_N, _ ("a whole number from 2 to 4096"));
  if (ok && t[HP_LAB_P_MS] && kind == HP_LAB_SCALING
      && !parse_list (t[HP_LAB_P_MS], 8, 4096, &s->ms, &s->nm))
    ok = bad (error, HP_LAB_P_MS, _ ("n values from 8 to 4096, as A:B:STEP or A,B,C"));
  else if (ok && t[HP_LAB_P_MS] && kind != HP_LAB_SCALING
           && !parse_list (t[HP_LAB_P_MS], 1, maxm, &s->ms, &s->nm))
    ok = bad (error, HP_LAB_P_MS, _ ("values of at least 1, as A:B:STEP or A,B,C"));
  if (ok && t[HP_LAB_P_KS] && !parse_list (t[HP_LAB_P_KS], 0, s->n, &s->ks, &s->nk))
    ok = bad (error, HP_LAB_P_KS, _ ("values from 0 to n, as A:B:STEP or A,B,C"));
  if (ok && t[HP_LAB_P_TRIALS] && !parse_size (t[HP_LAB_P_TRIALS], 1, 100000, &s->trials))
    ok = bad (error, HP_LAB_P_TRIALS, _ ("a whole number from 1 to 100000"));
  if (ok && t[HP_LAB_P_PROBES] && !parse_size (t[HP_LAB_P_PROBES], 1, 10000, &s->probes))
    ok = bad (error, HP_LAB_P_PROBES, _ ("a whole number from 1 to 10000"));
  if (ok && t[HP_LAB_P_COPIES] && !parse_size (t[HP_LAB_P_COPIES], 1, 10000, &s->copies))
    ok = bad (error, HP_LAB_P_COPIES, _ ("a whole number from 1 to 10000"));
  if (ok && t[HP_LAB_P_MARGINS])
    ok = parse_margins (s, t[HP_LAB_P_MARGINS], error);
  if (ok && t[HP_LAB_P_IMAGES] && !parse_size (t[HP_LAB_P_IMAGES], 1, 80, &s->nimages))
    ok = bad (error, HP_LAB_P_IMAGES, _ ("a whole number from 1 to 80"));
  if (ok && t[HP_LAB_P_STEPS] && !parse_size (t[HP_LAB_P_STEPS], 1, 1000000, &s->steps))
    ok = bad (error, HP_LAB_P_STEPS, _ ("a whole number from 1 to 1000000"));
  if (ok && t[HP_LAB_P_SEED])
    {
      size_t v = 0;
      ok = parse_size (t[HP_LAB_P_SEED], 0, G_MAXUINT32, &v)
           || bad (error, HP_LAB_P_SEED, _ ("a whole number from 0 to 4294967295"));
      s->seed = (unsigned long)v;
    }
  /* every list the kind reads must be there (a kept result may lack one) */
  if (ok && kind != HP_LAB_IMAGES && s->nm == 0)
    ok = bad (error, HP_LAB_P_MS, _ ("give at least one value"));
  if (ok && (kind == HP_LAB_DENOISE || kind == HP_LAB_NOISY || kind == HP_LAB_MARGIN)
      && s->nk == 0)
    ok = bad (error, HP_LAB_P_KS, _ ("give at least one value"));
  if (ok && kind == HP_LAB_MARGIN && s->nmargins == 0)
    ok = bad (error, HP_LAB_P_MARGINS, _ ("give at least one"));
  if (!ok)
    {
      hp_lab_spec_clear (s);
      return FALSE;
    }
  switch (kind)
    {
    case HP_LAB_CAPACITY:
    case HP_LAB_TIMING:
    case HP_LAB_NOISY:
      s->total = s->nrules * s->nm;
      break;
    case HP_LAB_DENOISE:
      s->total = s->nrules * s->nm * s->nk;
      break;
    case HP_LAB_SCALING:
      s->total = s->nm;
      break;
    case HP_LAB_MARGIN:
      s->total = s->nmargins * s->nk;
      break;
    case HP_LAB_IMAGES:
    case HP_LAB_NKINDS:
      s->total = s->nimages;
      break;
    }
  return TRUE;
}

size_t
hp_lab_row_size (HpLabKind kind)
{
  switch (kind)
    {
    case HP_LAB_CAPACITY:
    case HP_LAB_TIMING:
      return sizeof (HfCapacityRow);
    case HP_LAB_DENOISE:
    case HP_LAB_MARGIN:
      return sizeof (HfDenoiseRow);
    case HP_LAB_NOISY:
      return sizeof (HfNoisyRow);
    case HP_LAB_SCALING:
      return sizeof (HfScalingRow);
    case HP_LAB_IMAGES:
    case HP_LAB_NKINDS:
      break;
    }
  return 0;
}

gboolean
hp_lab_spec_chart (const HpLabSpec *s, const void *rows, size_t done, HpLabChart *c,
                   double *exponent)
{
  switch (s->kind)
    {
    case HP_LAB_CAPACITY:
    case HP_LAB_TIMING:
      return hp_lab_capacity_chart (c, rows, done, s->rules, s->nrules, s->ms, s->nm,
                                    s->n, s->trials, s->kind == HP_LAB_TIMING);
    case HP_LAB_DENOISE:
      return hp_lab_denoise_chart (c, rows, done, s->rules, s->nrules, s->ms, s->nm,
                                   s->ks, s->nk, s->n, s->trials);
    case HP_LAB_NOISY:
      return hp_lab_noisy_chart (c, rows, done, s->rules, s->nrules, s->ms, s->nm, s->n,
                                 s->ks[0], s->trials);
    case HP_LAB_SCALING:
      return hp_lab_scaling_chart (c, rows, done, s->ms, s->nm, 128,
                                   hf_rule_info (s->rules[0])->name, s->trials, exponent);
    case HP_LAB_MARGIN:
      return hp_lab_margin_chart (c, rows, done, s->margins, s->nmargins, s->ks, s->nk,
                                  s->n, s->ms[0]);
    case HP_LAB_IMAGES:
    case HP_LAB_NKINDS:
      break;
    }
  return FALSE;
}

/* ---- the table: columns of doubles, the rule as its index in rules ---- */

#define MAX_COLS (2 + 2 * HP_LAB_MAX_RULES)

/* The column names; "rule" holds the rule's index. */
static size_t
columns (const HpLabSpec *s, char names[MAX_COLS][64])
{
  static const char *const fixed[][9] = {
    [HP_LAB_CAPACITY] = { "m", "fraction_stored", "all_stored", "seconds", "iterations",
                          "fraction_sd", "seconds_sd", "rule", NULL },
    [HP_LAB_TIMING] = { "m", "fraction_stored", "all_stored", "seconds", "iterations",
                        "fraction_sd", "seconds_sd", "rule", NULL },
    [HP_LAB_DENOISE] = { "m", "flips", "recovered", "rule", NULL },
    [HP_LAB_NOISY] = { "m", "patterns_stored", "bits_recalled", "rule", NULL },
    [HP_LAB_IMAGES] = { "image", "fixed_point", "recalled", NULL },
    [HP_LAB_SCALING]
    = { "n", "m", "seconds", "seconds_sd", "fraction_stored", "rule", NULL },
    [HP_LAB_MARGIN] = { "margin", "flips", "recovered", NULL },
  };
  size_t c = 0;
  for (; fixed[s->kind][c]; c++)
    g_strlcpy (names[c], fixed[s->kind][c], 64);
  for (size_t r = 1; s->kind == HP_LAB_IMAGES && r < s->nrules; r++)
    {
      g_snprintf (names[c++], 64, "%s_fixed_point", hf_rule_info (s->rules[r])->name);
      g_snprintf (names[c++], 64, "%s_recalled", hf_rule_info (s->rules[r])->name);
    }
  return c;
}

/* Row i of the table; the rule column (if any) is the last but for images. */
static void
row_values (const HpLabSpec *s, const void *rows, const HfImagesResult *res, size_t i,
            double *v)
{
  size_t nm = s->nm > 0 ? s->nm : 1, nk = s->nk > 0 ? s->nk : 1;
  switch (s->kind)
    {
    case HP_LAB_CAPACITY:
    case HP_LAB_TIMING:
      {
        const HfCapacityRow *r = (const HfCapacityRow *)rows + i;
        double w[]
            = { (double)r->m,  r->fraction_stored, r->all_stored, r->seconds,
                r->iterations, r->fraction_sd,     r->seconds_sd, (double)(i / nm) };
        memcpy (v, w, sizeof w);
        return;
      }
    case HP_LAB_DENOISE:
      {
        const HfDenoiseRow *r = (const HfDenoiseRow *)rows + i;
        double w[] = { (double)s->ms[(i / nk) % nm], (double)r->flips, r->recovered,
                       (double)(i / (nk * nm)) };
        memcpy (v, w, sizeof w);
        return;
      }
    case HP_LAB_NOISY:
      {
        const HfNoisyRow *r = (const HfNoisyRow *)rows + i;
        double w[]
            = { (double)r->m, r->patterns_stored, r->bits_recalled, (double)(i / nm) };
        memcpy (v, w, sizeof w);
        return;
      }
    case HP_LAB_SCALING:
      {
        const HfScalingRow *r = (const HfScalingRow *)rows + i;
        double w[] = { (double)r->n,  (double)r->m,       r->seconds,
                       r->seconds_sd, r->fraction_stored, 0 };
        memcpy (v, w, sizeof w);
        return;
      }
    case HP_LAB_MARGIN:
      {
        const HfDenoiseRow *r = (const HfDenoiseRow *)rows + i;
        double w[] = { s->margins[i / nk], (double)r->flips, r->recovered };
        memcpy (v, w, sizeof w);
        return;
      }
    case HP_LAB_IMAGES:
    case HP_LAB_NKINDS:
      v[0] = (double)i + 1;
      for (size_t r = 0; r < res->nrules; r++)
        {
          v[1 + 2 * r] = res->rules[r].fixed[i];
          v[2 + 2 * r] = res->rules[r].recall_ok[i];
        }
      return;
    }
}

static void
csv_double (GString *out, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (isnan (v))
    g_string_append (out, "nan");
  else
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.9g", v));
}

GString *
hp_lab_table_csv (const HpLabSpec *s, const void *rows, size_t done,
                  const HfImagesResult *res)
{
  char names[MAX_COLS][64];
  size_t nc = columns (s, names);
  GString *out = g_string_new (NULL);
  for (size_t c = 0; c < nc; c++)
    g_string_append_printf (out, "%s%s", c ? "," : "", names[c]);
  g_string_append_c (out, '\n');
  if (s->kind == HP_LAB_IMAGES)
    done = res ? res->count : 0;
  for (size_t i = 0; i < done; i++)
    {
      double v[MAX_COLS];
      row_values (s, rows, res, i, v);
      for (size_t c = 0; c < nc; c++)
        {
          if (c)
            g_string_append_c (out, ',');
          if (strcmp (names[c], "rule") == 0)
            g_string_append (out, hf_rule_info (s->rules[(size_t)v[c]])->name);
          else if (s->kind == HP_LAB_IMAGES)
            g_string_append_printf (out, "%d", (int)v[c]);
          else
            csv_double (out, v[c]);
        }
      g_string_append_c (out, '\n');
    }
  return out;
}

gboolean
hp_lab_result_fill (HfSessionResult *r, const HpLabSpec *s, const char *const *texts,
                    const void *rows, const HfImagesResult *res, const char *label,
                    gint64 time)
{
  memset (r, 0, sizeof *r);
  char names[MAX_COLS][64];
  size_t nc = columns (s, names);
  size_t nr = s->kind == HP_LAB_IMAGES ? (res ? res->count : 0) : s->total;
  r->kind = strdup (hp_lab_kind_name (s->kind));
  r->label = strdup (label ? label : "");
  r->time = time;
  r->keys = calloc (HP_LAB_NPARAMS, sizeof (char *));
  r->values = calloc (HP_LAB_NPARAMS, sizeof (char *));
  r->columns = calloc (nc, sizeof (char *));
  r->table = malloc ((nr * nc + 1) * sizeof (double));
  gboolean ok = r->kind && r->label && r->keys && r->values && r->columns && r->table;
  for (int p = 0; ok && p < HP_LAB_NPARAMS; p++)
    if (texts[p] != NULL)
      {
        r->keys[r->nparams] = strdup (param_keys[p]);
        r->values[r->nparams] = strdup (texts[p]);
        ok = r->keys[r->nparams] && r->values[r->nparams];
        r->nparams++;
      }
  for (size_t c = 0; ok && c < nc; c++, r->ncols++)
    ok = (r->columns[c] = strdup (names[c])) != NULL;
  if (ok)
    {
      r->nrows = nr;
      for (size_t i = 0; i < nr; i++)
        row_values (s, rows, res, i, r->table + i * nc);
    }
  if (ok && s->kind == HP_LAB_IMAGES && res != NULL)
    {
      /* per image: training copy, probe, then per rule one sweep, converged */
      size_t n = res->n, per = 2 + 2 * res->nrules;
      r->images = malloc (res->count * per * n);
      ok = r->images != NULL;
      for (size_t k = 0; ok && k < res->count; k++)
        {
          int8_t *at = r->images + k * per * n;
          memcpy (at, res->training_copy + k * n, n);
          memcpy (at + n, res->probe + k * n, n);
          for (size_t q = 0; q < res->nrules; q++)
            {
              memcpy (at + (2 + 2 * q) * n, res->rules[q].after_sweep + k * n, n);
              memcpy (at + (3 + 2 * q) * n, res->rules[q].converged + k * n, n);
            }
        }
      if (ok)
        {
          r->image_width = res->width;
          r->image_height = res->height;
          r->nimages = res->count * per;
        }
    }
  if (!ok)
    hf_session_result_clear (r);
  return ok;
}

static gboolean
to_size (double v, size_t *out)
{
  if (!(v >= 0 && v <= 1e9) || v != floor (v))
    return FALSE;
  *out = (size_t)v;
  return TRUE;
}

static HfImagesResult *
images_read (const HfSessionResult *r, const HpLabSpec *s)
{
  size_t per = 2 + 2 * s->nrules, count = r->nrows, n = r->image_width * r->image_height;
  if (r->images == NULL || r->nimages != count * per)
    return NULL;
  HfImagesResult *res = calloc (1, sizeof *res);
  if (res == NULL)
    return NULL;
  res->n = n;
  res->width = r->image_width;
  res->height = r->image_height;
  res->count = count;
  res->training_copy = malloc (count * n);
  res->probe = malloc (count * n);
  res->rules = calloc (s->nrules, sizeof *res->rules);
  gboolean ok = res->training_copy && res->probe && res->rules;
  if (ok)
    res->nrules = s->nrules;
  for (size_t q = 0; ok && q < s->nrules; q++)
    {
      HfImagesRuleResult *rr = &res->rules[q];
      rr->rule = s->rules[q];
      rr->fixed = calloc (count, sizeof (bool));
      rr->recall_ok = calloc (count, sizeof (bool));
      rr->after_sweep = malloc (count * n);
      rr->converged = malloc (count * n);
      ok = rr->fixed && rr->recall_ok && rr->after_sweep && rr->converged;
    }
  for (size_t k = 0; ok && k < count; k++)
    {
      const int8_t *at = r->images + k * per * n;
      const double *row = r->table + k * r->ncols;
      memcpy (res->training_copy + k * n, at, n);
      memcpy (res->probe + k * n, at + n, n);
      for (size_t q = 0; q < s->nrules; q++)
        {
          HfImagesRuleResult *rr = &res->rules[q];
          memcpy (rr->after_sweep + k * n, at + (2 + 2 * q) * n, n);
          memcpy (rr->converged + k * n, at + (3 + 2 * q) * n, n);
          rr->fixed[k] = row[1 + 2 * q] != 0;
          rr->recall_ok[k] = row[2 + 2 * q] != 0;
          rr->fixed_points += rr->fixed[k];
          rr->recalled += rr->recall_ok[k];
        }
    }
  if (!ok)
    {
      hf_images_result_free (res);
      return NULL;
    }
  return res;
}

gboolean
hp_lab_result_read (const HfSessionResult *r, const char **texts, HpLabSpec *s,
                    void **rows, HfImagesResult **res, GError **error)
{
  HpLabKind kind;
  *rows = NULL;
  *res = NULL;
  if (!hp_lab_kind_from_name (r->kind, &kind))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _ ("This session keeps a result of an experiment this version does "
                      "not know (%s)."),
                   r->kind);
      return FALSE;
    }
  for (int p = 0; p < HP_LAB_NPARAMS; p++)
    {
      texts[p] = NULL;
      for (size_t q = 0; q < r->nparams; q++)
        if (strcmp (r->keys[q], param_keys[p]) == 0)
          texts[p] = r->values[q];
    }
  if (!hp_lab_spec_parse (s, kind, texts, error))
    return FALSE;
  char names[MAX_COLS][64];
  size_t nc = columns (s, names);
  gboolean ok = r->ncols == nc && r->nrows == s->total;
  for (size_t c = 0; ok && c < nc; c++)
    ok = strcmp (r->columns[c], names[c]) == 0;
  size_t nm = s->nm > 0 ? s->nm : 1, nk = s->nk > 0 ? s->nk : 1;
  void *out = NULL;
  if (ok && kind == HP_LAB_IMAGES)
    ok = (*res = images_read (r, s)) != NULL;
  else if (ok)
    out = g_malloc0_n (s->total + 1, hp_lab_row_size (kind));
  for (size_t i = 0; ok && out && i < s->total; i++)
    {
      const double *v = r->table + i * nc;
      switch (kind)
        {
        case HP_LAB_CAPACITY:
        case HP_LAB_TIMING:
          {
            HfCapacityRow *w = (HfCapacityRow *)out + i;
            ok = to_size (v[0], &w->m) && v[7] == (double)(i / nm);
            w->fraction_stored = v[1];
            w->all_stored = v[2];
            w->seconds = v[3];
            w->iterations = v[4];
            w->fraction_sd = v[5];
            w->seconds_sd = v[6];
            break;
          }
        case HP_LAB_DENOISE:
          {
            HfDenoiseRow *w = (HfDenoiseRow *)out + i;
            ok = to_size (v[1], &w->flips) && v[3] == (double)(i / (nk * nm));
            w->recovered = v[2];
            break;
          }
        case HP_LAB_NOISY:
          {
            HfNoisyRow *w = (HfNoisyRow *)out + i;
            ok = to_size (v[0], &w->m) && v[3] == (double)(i / nm);
            w->patterns_stored = v[1];
            w->bits_recalled = v[2];
            break;
          }
        case HP_LAB_SCALING:
          {
            HfScalingRow *w = (HfScalingRow *)out + i;
            ok = to_size (v[0], &w->n) && to_size (v[1], &w->m) && v[5] == 0;
            w->seconds = v[2];
            w->seconds_sd = v[3];
            w->fraction_stored = v[4];
            break;
          }
        case HP_LAB_MARGIN:
          {
            HfDenoiseRow *w = (HfDenoiseRow *)out + i;
            ok = to_size (v[1], &w->flips);
            w->recovered = v[2];
            break;
          }
        case HP_LAB_IMAGES:
        case HP_LAB_NKINDS:
          break;
        }
    }
  if (!ok)
    {
      g_free (out);
      hf_images_result_free (*res);
      *res = NULL;
      hp_lab_spec_clear (s);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _ ("The kept table does not fit its own parameters: it was "
                              "damaged or written by another program."));
      return FALSE;
    }
  *rows = out;
  return TRUE;
}
