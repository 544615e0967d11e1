/* gen-fingerprints: writes the built-in set "fingerprints-64", 80 binary
 * 64x64 fingerprint-like images, as a text grid (hf-text.h). Run by meson
 * at build time; deterministic (its own generator, fixed seeds), no input.
 *
 * Each image follows the way synthetic fingerprints are usually made
 * (SFinGe, Cappelli et al.): an orientation field from singular points by
 * the Sherlock-Monro model (theta = theta0 + 1/2 sum over cores of
 * arg(z - core) - 1/2 sum over deltas of arg(z - delta)), or a smooth arch
 * field; random noise is then filtered repeatedly by a Gabor filter turned
 * along the local ridge direction at the ridge period, and thresholded.
 * Classes cycle through arch, tented arch, left loop, right loop and
 * whorl, with the singular points, period and finger outline jittered per
 * image. Usage: gen-fingerprints OUTPUT [COUNT]. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W 64
#define PI 3.14159265358979323846
#define R 5 /* filter radius: 11 x 11 taps */

static uint64_t state;

static double
uniform (void)
{
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  return (double)(z >> 11) / 9007199254740992.0;
}

static double
jitter (double centre, double spread)
{
  return centre + spread * (2.0 * uniform () - 1.0);
}

static const char *const class_names[5]
    = { "arch", "tented arch", "left loop", "right loop", "whorl" };

/* Ridge direction at every pixel (radians, modulo pi). */
static void
orientation (int cls, double *theta)
{
  double cx = jitter (32, 4), cy = jitter (28, 4), rot = jitter (0, 0.25);
  double core[2][2], delta[2][2];
  int ncore = 0, ndelta = 0;
  double arch_h = jitter (0.9, 0.3), arch_w = jitter (18, 4);
  switch (cls)
    {
    case 1: /* tented arch: a core right above a delta */
      core[ncore][0] = cx, core[ncore++][1] = cy;
      delta[ndelta][0] = cx + jitter (0, 2), delta[ndelta++][1] = cy + jitter (14, 3);
      break;
    case 2: /* left loop */
      core[ncore][0] = cx, core[ncore++][1] = cy;
      delta[ndelta][0] = cx + jitter (20, 4), delta[ndelta++][1] = cy + jitter (22, 4);
      break;
    case 3: /* right loop */
      core[ncore][0] = cx, core[ncore++][1] = cy;
      delta[ndelta][0] = cx - jitter (20, 4), delta[ndelta++][1] = cy + jitter (22, 4);
      break;
    case 4: /* whorl: two cores, two deltas */
      core[ncore][0] = cx - jitter (3, 2), core[ncore++][1] = cy - jitter (3, 2);
      core[ncore][0] = cx + jitter (3, 2), core[ncore++][1] = cy + jitter (3, 2);
      delta[ndelta][0] = cx - jitter (22, 4), delta[ndelta++][1] = cy + jitter (24, 4);
      delta[ndelta][0] = cx + jitter (22, 4), delta[ndelta++][1] = cy + jitter (24, 4);
      break;
    default:
      break;
    }
  for (int y = 0; y < W; y++)
    for (int x = 0; x < W; x++)
      {
        double t;
        if (cls == 0)
          {
            /* Arch: ridges y = -h exp(-(x - cx)^2 / w^2) stacked vertically,
             * flattening towards the bottom. */
            double u = (x - cx) / arch_w, fade = 1.0 / (1.0 + exp ((y - cy - 16) / 6.0));
            double slope = 2.0 * arch_h * u * exp (-u * u) * fade;
            t = atan (slope) + rot;
          }
        else
          {
            t = rot;
            for (int k = 0; k < ncore; k++)
              t += 0.5 * atan2 (y - core[k][1], x - core[k][0]);
            for (int k = 0; k < ndelta; k++)
              t -= 0.5 * atan2 (y - delta[k][1], x - delta[k][0]);
          }
        theta[y * W + x] = t;
      }
}

static void
fingerprint (int index, int8_t *out)
{
  state = 0x243f6a8885a308d3ULL ^ ((uint64_t)index * 0x9e3779b97f4a7c15ULL);
  for (int k = 0; k < 4; k++)
    uniform ();
  int cls = index % 5;
  double theta[W * W], a[W * W], b[W * W];
  orientation (cls, theta);
  double period = jitter (6.0, 0.6), freq = 1.0 / period, sigma = 0.55 * period;
  for (int k = 0; k < W * W; k++)
    a[k] = 2.0 * uniform () - 1.0;
  for (int it = 0; it < 7; it++)
    {
      double sum2 = 0.0;
      for (int y = 0; y < W; y++)
        for (int x = 0; x < W; x++)
          {
            /* Even Gabor filter: Gaussian envelope, cosine across the ridges. */
            double t = theta[y * W + x], nx = -sin (t), ny = cos (t), acc = 0.0;
            for (int dy = -R; dy <= R; dy++)
              for (int dx = -R; dx <= R; dx++)
                {
                  int xx = x + dx, yy = y + dy;
                  if (xx < 0 || yy < 0 || xx >= W || yy >= W)
                    continue;
                  double g = exp (-(dx * dx + dy * dy) / (2.0 * sigma * sigma))
                             * cos (2.0 * PI * freq * (dx * nx + dy * ny));
                  acc += g * a[yy * W + xx];
                }
            b[y * W + x] = acc;
            sum2 += acc * acc;
          }
      double sd = sqrt (sum2 / (W * W)) + 1e-12;
      for (int k = 0; k < W * W; k++)
        a[k] = tanh (1.5 * b[k] / sd);
    }
  /* The finger's outline: an ellipse; outside it the paper is blank. */
  double ex = jitter (32, 2), ey = jitter (34, 2), rx = jitter (33, 2),
         ry = jitter (40, 3);
  for (int y = 0; y < W; y++)
    for (int x = 0; x < W; x++)
      {
        double u = (x - ex) / rx, v = (y - ey) / ry;
        bool inside = u * u + v * v <= 1.0;
        out[y * W + x] = inside && a[y * W + x] > 0.0 ? 1 : -1;
      }
}

int
main (int argc, char **argv)
{
  if (argc < 2)
    {
      fprintf (stderr, "usage: gen-fingerprints OUTPUT [COUNT]\n");
      return 2;
    }
  int count = argc > 2 ? atoi (argv[2]) : 80;
  FILE *f = fopen (argv[1], "w");
  if (f == NULL)
    {
      perror (argv[1]);
      return 1;
    }
  fprintf (f,
           "; Fingerprints, 64x64: %d synthetic fingerprints (arch, tented arch, "
           "left loop, right loop, whorl), generated by gen-fingerprints.c\n",
           count);
  int8_t img[W * W];
  for (int k = 0; k < count; k++)
    {
      fingerprint (k, img);
      fprintf (f, "%s; %d: %s\n", k ? "\n" : "", k + 1, class_names[k % 5]);
      for (int y = 0; y < W; y++)
        {
          char line[W + 2];
          for (int x = 0; x < W; x++)
            line[x] = img[y * W + x] > 0 ? '#' : '.';
          line[W] = '\n';
          line[W + 1] = 0;
          fputs (line, f);
        }
    }
  return fclose (f) == 0 ? 0 : 1;
}
