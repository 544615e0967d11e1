/* Tests of the engine's parallel code (hf-parallel.c) and of MPF's
 * chunked objective at a size where it runs in many chunks. */
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "../hf-check.h"
#include "hf-blas.h"
#include "hf-parallel.h"
#include "hf-patterns.h"
#include "hf-train.h"

/* From this n the objective's elementwise passes run in chunks
 * (MPF_PARALLEL_N in hf-rule-mpf.c). */
#define TEST_MPF_CHUNKED_N 520

/* MPF's objective and gradient straight from the definition, in double:
 * f = (1/T) sum over the terms (p, i) whose one-bit neighbour is not in D
 * of exp(-s_pi h_pi), h_pi = sum_j J_ij s_pj - theta_i. */
static void
reference_mpf (const HfNetwork *net, const HfPatterns *D, double *f, double *gJ,
               double *gt)
{
  size_t n = net->n, m = D->m, terms = 0;
  double *G = calloc (m * n, sizeof (double));
  int8_t *y = malloc (n);
  double sum = 0.0;
  for (size_t p = 0; p < m; p++)
    {
      const int8_t *s = hf_patterns_get (D, p);
      for (size_t i = 0; i < n; i++)
        {
          memcpy (y, s, n);
          y[i] = (int8_t)-y[i];
          if (hf_patterns_find (D, y) >= 0)
            continue;
          double h = -(double)net->theta[i];
          for (size_t j = 0; j < n; j++)
            h += (double)net->J[i * n + j] * s[j];
          double a = exp (-s[i] * h);
          sum += a;
          G[p * n + i] = s[i] * a;
          terms++;
        }
    }
  double c = 1.0 / (double)terms;
  *f = sum * c;
  for (size_t i = 0; i < n; i++)
    {
      double t = 0.0;
      for (size_t p = 0; p < m; p++)
        t += G[p * n + i];
      gt[i] = c * t;
      gJ[i * n + i] = 0.0;
      for (size_t j = i + 1; j < n; j++)
        {
          double v = 0.0;
          for (size_t p = 0; p < m; p++)
            {
              const int8_t *s = hf_patterns_get (D, p);
              v += G[p * n + i] * s[j] + G[p * n + j] * s[i];
            }
          gJ[i * n + j] = gJ[j * n + i] = -c * v;
        }
    }
  free (G);
  free (y);
}

/* Copy pattern `from` over pattern `to` with bit `bit` flipped. */
static void
plant_neighbour (HfPatterns *D, size_t from, size_t to, size_t bit)
{
  size_t n = D->n;
  int8_t *x = hf_patterns_row (D, to);
  memcpy (x, hf_patterns_get (D, from), n);
  x[bit] = (int8_t)-x[bit];
}

/* At n = 520 the objective's exponential pass runs in chunks of patterns
 * (24 patterns: 6 chunks of 4), each finding its first left-out term by a
 * binary search. Pairs of patterns one bit apart are planted in later
 * chunks, across chunk borders and on a chunk's first term (pattern 12,
 * bit 0), and f and the gradient are compared with the definition, with
 * BLAS (and so the helpers) on one thread and on two. Broken once with the
 * search's result replaced by 0 (`size_t e = 0`): every chunk after the
 * first kept its left-out terms and f differed; broken once with `<=` for
 * `<` in the search: the term on pattern 12's first bit was kept. */
START_TEST (test_mpf_chunks_leave_out_neighbours)
{
  size_t n = TEST_MPF_CHUNKED_N, m = 24;
  gsl_rng *rng = test_rng (71);
  HfPatterns *D = hf_patterns_new (n, 1, NULL);
  hf_patterns_add_random (D, m, 0.5, rng, NULL);
  plant_neighbour (D, 1, 2, 7);     /* chunk 0 */
  plant_neighbour (D, 3, 5, 100);   /* chunks 0 and 1 */
  plant_neighbour (D, 12, 21, 0);   /* chunks 3 and 5, first term of 12 */
  plant_neighbour (D, 13, 14, 519); /* chunk 3 */
  plant_neighbour (D, 17, 23, 300); /* chunks 4 and 5 */
  HfNetwork *net = hf_network_new (n, 1, NULL);
  test_random_network (net, 1.0 / sqrt ((double)n), 0.3, rng);
  gsl_rng_free (rng);
  double fr, *gJr = malloc (n * n * sizeof (double)), *gtr = malloc (n * sizeof (double));
  double *gJ = malloc (n * n * sizeof (double)), *gt = malloc (n * sizeof (double));
  reference_mpf (net, D, &fr, gJr, gtr);
  double gmax = 0.0;
  for (size_t k = 0; k < n * n; k++)
    gmax = fmax (gmax, fabs (gJr[k]));
  int saved = openblas_get_num_threads ();
  for (int threads = 1; threads <= 2; threads++)
    {
      openblas_set_num_threads (threads);
      double f;
      ck_assert_int_eq (hf_mpf_objective (net, D, true, &f, gJ, gt, NULL), HF_OK);
      ck_assert_msg (fabs (f - fr) <= 1e-12 * fr,
                     "%d threads: f = %.15g, reference %.15g", threads, f, fr);
      double worst = 0.0;
      for (size_t k = 0; k < n * n; k++)
        worst = fmax (worst, fabs (gJ[k] - gJr[k]));
      for (size_t i = 0; i < n; i++)
        worst = fmax (worst, fabs (gt[i] - gtr[i]));
      ck_assert_msg (worst <= 1e-12 * gmax, "%d threads: gradient off by %g (largest %g)",
                     threads, worst, gmax);
    }
  openblas_set_num_threads (saved);
  free (gJr);
  free (gtr);
  free (gJ);
  free (gt);
  hf_network_free (net);
  hf_patterns_free (D);
}
END_TEST

/* ---- overlapping hf_parallel_run calls and the BLAS thread count ---- */
typedef struct
{
  pthread_mutex_t lock;
  pthread_cond_t changed;
  int stage;
  int blas_in_b; /* BLAS threads seen by run B's job after run A ended */
} Overlap;

static void
overlap_wait (Overlap *o, int stage)
{
  pthread_mutex_lock (&o->lock);
  while (o->stage < stage)
    pthread_cond_wait (&o->changed, &o->lock);
  pthread_mutex_unlock (&o->lock);
}

static void
overlap_set (Overlap *o, int stage)
{
  pthread_mutex_lock (&o->lock);
  o->stage = stage;
  pthread_cond_broadcast (&o->changed);
  pthread_mutex_unlock (&o->lock);
}

/* Run A's job: runs while run B starts. */
static HfStatus
job_a (size_t job, void *ctx, atomic_int *cancel, HfError *err)
{
  (void)job, (void)cancel, (void)err;
  overlap_set (ctx, 1);
  overlap_wait (ctx, 2);
  return HF_OK;
}

/* Run B's job: runs until run A has ended. */
static HfStatus
job_b (size_t job, void *ctx, atomic_int *cancel, HfError *err)
{
  (void)job, (void)cancel, (void)err;
  Overlap *o = ctx;
  overlap_set (o, 2);
  overlap_wait (o, 3);
  o->blas_in_b = openblas_get_num_threads ();
  return HF_OK;
}

static HfStatus
job_none (size_t job, void *ctx, atomic_int *cancel, HfError *err)
{
  (void)job, (void)ctx, (void)cancel, (void)err;
  return HF_OK;
}

static void *
run_a (void *data)
{
  Overlap *o = data;
  HfStatus st = hf_parallel_run (1, 1, job_a, o, NULL, NULL, NULL);
  overlap_set (o, 3);
  return (void *)(intptr_t)st;
}

/* Two runs from two threads overlap, the first to start ending first:
 * BLAS stays on one thread until the second ends, and then has its thread
 * count from before the first began. Broken once by going back to each
 * run saving and restoring the count itself: BLAS was left on 1 thread. */
START_TEST (test_overlapping_runs_restore_blas_threads)
{
  int saved = openblas_get_num_threads ();
  openblas_set_num_threads (2);
  int before = openblas_get_num_threads ();
  ck_assert_int_eq (before, 2);
  Overlap o = { .lock = PTHREAD_MUTEX_INITIALIZER, .changed = PTHREAD_COND_INITIALIZER };
  pthread_t a;
  ck_assert_int_eq (pthread_create (&a, NULL, run_a, &o), 0);
  overlap_wait (&o, 1); /* run A holds BLAS to one thread */
  ck_assert_int_eq (openblas_get_num_threads (), 1);
  ck_assert_int_eq (hf_parallel_run (1, 1, job_b, &o, NULL, NULL, NULL), HF_OK);
  void *st;
  pthread_join (a, &st);
  ck_assert_int_eq ((int)(intptr_t)st, HF_OK);
  ck_assert_int_eq (openblas_get_num_threads (), before);
  ck_assert_int_eq (o.blas_in_b, 1);
  /* and a later run on its own restores it too */
  ck_assert_int_eq (hf_parallel_run (1, 1, job_none, NULL, NULL, NULL, NULL), HF_OK);
  ck_assert_int_eq (openblas_get_num_threads (), before);
  openblas_set_num_threads (saved);
}
END_TEST

/* ---- the caller of hf_parallel_for sleeps while a helper finishes ---- */
typedef struct
{
  pthread_t caller;
  atomic_int helper_started;
  atomic_int caller_ran;
  struct timespec caller_done_cpu, caller_done_wall;
} SlowChunk;

static double
ts_seconds (const struct timespec *t)
{
  return (double)t->tv_sec + 1e-9 * (double)t->tv_nsec;
}

/* A chunk on a helper takes half a second (asleep); a chunk on the caller
 * returns once a helper has a chunk, so the caller then has to wait. */
static void
slow_chunk (size_t chunk, void *data)
{
  (void)chunk;
  SlowChunk *c = data;
  if (!pthread_equal (pthread_self (), c->caller))
    {
      atomic_store (&c->helper_started, 1);
      struct timespec half = { 0, 500000000L };
      nanosleep (&half, NULL);
      return;
    }
  atomic_fetch_add (&c->caller_ran, 1);
  struct timespec step = { 0, 1000000L };
  for (int k = 0; k < 3000 && !atomic_load (&c->helper_started); k++)
    nanosleep (&step, NULL);
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &c->caller_done_cpu);
  clock_gettime (CLOCK_MONOTONIC, &c->caller_done_wall);
}

/* Waiting for a helper's long last chunk costs the caller almost no CPU
 * time. Broken once by going back to waiting with a sched_yield loop: the
 * caller used most of the wait's half second of CPU time. */
START_TEST (test_parallel_for_caller_sleeps)
{
  if (hf_parallel_cores () < 2)
    return; /* no helpers on one core */
  int saved = openblas_get_num_threads ();
  openblas_set_num_threads (2);
  SlowChunk c = { .caller = pthread_self () };
  hf_parallel_for (2, slow_chunk, &c);
  struct timespec cpu, wall;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu);
  clock_gettime (CLOCK_MONOTONIC, &wall);
  openblas_set_num_threads (saved);
  ck_assert_int_eq (atomic_load (&c.helper_started), 1);
  ck_assert_int_eq (atomic_load (&c.caller_ran), 1);
  double waited = ts_seconds (&wall) - ts_seconds (&c.caller_done_wall);
  double used = ts_seconds (&cpu) - ts_seconds (&c.caller_done_cpu);
  ck_assert_msg (waited > 0.1, "the caller waited %g s only", waited);
  ck_assert_msg (used < 0.05, "the caller used %g s of CPU time while waiting %g s", used,
                 waited);
}
END_TEST

static Suite *
parallel_suite (void)
{
  Suite *s = suite_create ("parallel");
  TCase *tc = tcase_create ("parallel");
  tcase_set_timeout (tc, 300);
  tcase_add_test (tc, test_mpf_chunks_leave_out_neighbours);
  tcase_add_test (tc, test_overlapping_runs_restore_blas_threads);
  tcase_add_test (tc, test_parallel_for_caller_sleeps);
  suite_add_tcase (s, tc);
  return s;
}

HF_TEST_MAIN (parallel_suite)
