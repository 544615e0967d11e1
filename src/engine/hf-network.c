#include "hf-network.h"

#include "hf-blas.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

size_t
hf_network_bytes (size_t n)
{
  return sizeof (HfNetwork) + (n * n + n) * sizeof (float);
}

HfNetwork *
hf_network_new (size_t width, size_t height, HfError *err)
{
  if (width == 0 || height == 0)
    {
      hf_error_set (err, HF_EINVAL, "a network needs at least one neuron (got %zux%zu)",
                    width, height);
      return NULL;
    }
  if (width > HF_MAX_NEURONS || height > HF_MAX_NEURONS
      || width * height > HF_MAX_NEURONS)
    {
      hf_error_set (
          err, HF_ERANGE,
          "%zux%zu = %zu neurons is more than the %zu allowed (its weights alone "
          "would take %.1f GiB)",
          width, height, width * height, HF_MAX_NEURONS,
          (double)width * (double)height * (double)width * (double)height * 4.0
              / 1073741824.0);
      return NULL;
    }
  size_t n = width * height;
  if (hf_check_memory (hf_network_bytes (n), HF_N_ ("a network of this size"), err)
      != HF_OK)
    return NULL;
  HfNetwork *net = calloc (1, sizeof *net);
  if (net != NULL)
    {
      net->J = calloc (n * n, sizeof (float));
      net->theta = calloc (n, sizeof (float));
    }
  if (net == NULL || net->J == NULL || net->theta == NULL)
    {
      hf_network_free (net);
      hf_error_set (err, HF_ENOMEM,
                    "out of memory for a network of %zu neurons (%.1f MiB)", n,
                    (double)hf_network_bytes (n) / 1048576.0);
      return NULL;
    }
  net->n = n;
  net->width = width;
  net->height = height;
  strcpy (net->summary.rule, "none");
  return net;
}

void
hf_network_free (HfNetwork *net)
{
  if (net == NULL)
    return;
  free (net->J);
  free (net->theta);
  free (net);
}

HfStatus
hf_network_assign (HfNetwork *dst, const HfNetwork *src, HfError *err)
{
  if (dst->n != src->n)
    return hf_error_set (err, HF_EINVAL, "networks of %zu and %zu neurons differ", dst->n,
                         src->n);
  memcpy (dst->J, src->J, src->n * src->n * sizeof (float));
  memcpy (dst->theta, src->theta, src->n * sizeof (float));
  dst->width = src->width;
  dst->height = src->height;
  dst->summary = src->summary;
  return HF_OK;
}

void
hf_network_clear (HfNetwork *net)
{
  memset (net->J, 0, net->n * net->n * sizeof (float));
  memset (net->theta, 0, net->n * sizeof (float));
  memset (&net->summary, 0, sizeof net->summary);
  strcpy (net->summary.rule, "none");
}

void
hf_network_symmetrize (HfNetwork *net)
{
  size_t n = net->n;
  for (size_t i = 0; i < n; i++)
    {
      net->J[i * n + i] = 0.0f;
      for (size_t j = i + 1; j < n; j++)
        {
          float v = 0.5f * (net->J[i * n + j] + net->J[j * n + i]);
          net->J[i * n + j] = v;
          net->J[j * n + i] = v;
        }
    }
}

double
hf_network_asymmetry (const HfNetwork *net)
{
  size_t n = net->n;
  double worst = 0.0;
  for (size_t i = 0; i < n; i++)
    {
      worst = fmax (worst, fabs (net->J[i * n + i]));
      for (size_t j = i + 1; j < n; j++)
        worst = fmax (worst, fabs ((double)net->J[i * n + j] - net->J[j * n + i]));
    }
  return worst;
}

bool
hf_network_finite (const HfNetwork *net)
{
  for (size_t i = 0; i < net->n * net->n; i++)
    if (!isfinite (net->J[i]))
      return false;
  for (size_t i = 0; i < net->n; i++)
    if (!isfinite (net->theta[i]))
      return false;
  return true;
}

void
hf_network_fields_f (const HfNetwork *net, const float *s, float *h)
{
  int n = (int)net->n;
  memcpy (h, net->theta, net->n * sizeof (float));
  cblas_sgemv (CblasRowMajor, CblasNoTrans, n, n, 1.0f, net->J, n, s, 1, -1.0f, h, 1);
}

double
hf_network_energy_from_fields (const HfNetwork *net, const int8_t *s, const float *h)
{
  /* J s = h + theta, so E = -1/2 s.(h + theta) + theta.s = -1/2 s.h + 1/2 theta.s */
  double e = 0.0;
  for (size_t i = 0; i < net->n; i++)
    e += s[i] * (-0.5 * (double)h[i] + 0.5 * (double)net->theta[i]);
  return e;
}

static float *
fields_of (const HfNetwork *net, const int8_t *s, float *scratch, float **owned)
{
  *owned = NULL;
  if (scratch == NULL)
    {
      scratch = malloc (2 * net->n * sizeof (float));
      if (scratch == NULL)
        return NULL;
      *owned = scratch;
    }
  float *sf = scratch, *h = scratch + net->n;
  for (size_t i = 0; i < net->n; i++)
    sf[i] = s[i];
  hf_network_fields_f (net, sf, h);
  return h;
}

double
hf_network_energy (const HfNetwork *net, const int8_t *s, float *scratch)
{
  float *owned;
  float *h = fields_of (net, s, scratch, &owned);
  if (h == NULL)
    return NAN;
  double e = hf_network_energy_from_fields (net, s, h);
  free (owned);
  return e;
}

bool
hf_network_is_fixed_point (const HfNetwork *net, const int8_t *s, HfTieRule tie,
                           float *scratch)
{
  float *owned;
  float *h = fields_of (net, s, scratch, &owned);
  if (h == NULL)
    return false;
  bool fixed = true;
  for (size_t i = 0; i < net->n && fixed; i++)
    fixed = hf_decide (h[i], s[i], tie) == s[i];
  free (owned);
  return fixed;
}

double
hf_network_min_stability (const HfNetwork *net, const int8_t *s, float *scratch)
{
  float *owned;
  float *h = fields_of (net, s, scratch, &owned);
  if (h == NULL)
    return NAN;
  double worst = INFINITY;
  for (size_t i = 0; i < net->n; i++)
    worst = fmin (worst, (double)s[i] * h[i]);
  free (owned);
  return worst;
}

HfStatus
hf_network_count_fixed (const HfNetwork *net, const HfPatterns *set, HfTieRule tie,
                        size_t *fixed, size_t *stable_bits, HfError *err)
{
  if (set->n != net->n)
    return hf_error_set (err, HF_EINVAL,
                         "patterns of %zu neurons do not fit a network of %zu", set->n,
                         net->n);
  size_t n = net->n, m = set->m;
  *fixed = 0;
  if (stable_bits != NULL)
    *stable_bits = 0;
  if (m == 0)
    return HF_OK;
  float *S = malloc (m * n * sizeof (float));
  float *H = malloc (m * n * sizeof (float));
  if (S == NULL || H == NULL)
    {
      free (S);
      free (H);
      return hf_error_set (err, HF_ENOMEM, "out of memory");
    }
  for (size_t k = 0; k < m * n; k++)
    S[k] = set->data[k];
  for (size_t p = 0; p < m; p++)
    memcpy (H + p * n, net->theta, n * sizeof (float));
  /* H = S J - 1 theta^T, every pattern's fields at once (J is symmetric). */
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)m, (int)n, (int)n, 1.0f, S,
               (int)n, net->J, (int)n, -1.0f, H, (int)n);
  size_t bits = 0;
  for (size_t p = 0; p < m; p++)
    {
      size_t ok = 0;
      for (size_t i = 0; i < n; i++)
        ok += hf_decide (H[p * n + i], set->data[p * n + i], tie) == set->data[p * n + i];
      bits += ok;
      *fixed += ok == n;
    }
  if (stable_bits != NULL)
    *stable_bits = bits;
  free (S);
  free (H);
  return HF_OK;
}
