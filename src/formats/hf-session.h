/* hf-session.h: a lesson saved as one file (docs/session-format.md): the
 * pattern library, the probe, the network if any, and the settings. */
#pragma once

#include <stdint.h>

#include "hf-network.h"
#include "hf-patterns.h"

#define HF_SESSION_VERSION 3u /* reads 1 to 3; writes 3 */
#define HF_SESSION_TITLE_MAX 200u
#define HF_SESSION_NOTES_MAX 65536u
#define HF_SESSION_VIEW_MAX 32u
/* Kept experiment results (version 3), see docs/session-format.md. */
#define HF_SESSION_RESULTS_MAX 1000u
#define HF_RESULT_KIND_MAX 32u
#define HF_RESULT_LABEL_MAX 200u
#define HF_RESULT_PARAMS_MAX 32u
#define HF_RESULT_KEY_MAX 32u
#define HF_RESULT_VALUE_MAX 4096u
#define HF_RESULT_COLUMNS_MAX 64u
#define HF_RESULT_COLUMN_MAX 64u
#define HF_RESULT_ROWS_MAX 1000000u
#define HF_RESULT_IMAGES_MAX 100000u

typedef struct
{
  uint32_t rule; /* HfRule */
  double learning_rate;
  uint32_t max_iterations;
  double margin;
  uint32_t learn_thresholds;
  uint32_t mode; /* HfUpdateMode */
  uint32_t tie;  /* HfTieRule */
  double temperature;
  double speed;  /* log10 of updates per second, 0..5 */
  uint32_t seed; /* recall order */
  double corrupt_percent;
  uint32_t corrupt_seed;
} HfSessionSettings;

/* One kept experiment result: what ran (the experiment's name as `hopfield
 * experiment` takes it, and every parameter as key and text value, enough
 * to repeat the run), when, under which label, and the table it made
 * (columns x rows of doubles, row-major). Images (Fig. 1) may keep their
 * states: nimages states of image_width x image_height values (+1/-1). */
typedef struct
{
  char *kind;   /* 1..32 bytes of a-z, 0-9, '-' and '_' */
  char *label;  /* UTF-8 text, one line, may be empty (never NULL) */
  int64_t time; /* seconds since 1970-01-01 UTC */
  size_t nparams;
  char **keys;   /* nparams names, as kind */
  char **values; /* nparams UTF-8 texts */
  size_t ncols, nrows;
  char **columns; /* ncols names, UTF-8, not empty */
  double *table;  /* nrows x ncols */
  size_t image_width, image_height, nimages;
  int8_t *images; /* nimages x width x height, or NULL */
} HfSessionResult;

/* Frees what r holds and zeroes it. */
void hf_session_result_clear (HfSessionResult *r);
/* A deep copy into dst (zeroed on failure). */
HfStatus hf_session_result_copy (HfSessionResult *dst, const HfSessionResult *src,
                                 HfError *err);
/* HF_OK when r would be saved: every name, text and count within the
 * limits above (the message says which is not). */
HfStatus hf_session_result_check (const HfSessionResult *r, HfError *err);

typedef struct
{
  HfPatterns *library; /* sets the grid: width x height */
  int8_t *probe;       /* n values */
  int8_t *source;      /* n values: the clean pattern corruption starts from */
  uint8_t *clamp;      /* n flags, or NULL */
  HfNetwork *net;      /* or NULL */
  HfSessionSettings settings;
  /* A lesson's notes (version 2), each NULL or UTF-8 without NUL bytes:
   * a title (one line), the notes in a small Markdown subset (docs/
   * session-format.md), and the name of the view the lesson opens on. */
  char *title;
  char *notes;
  char *view;
  /* Kept experiment results (version 3), oldest first. */
  size_t nresults;
  HfSessionResult *results;
} HfSession;

void hf_session_settings_init (HfSessionSettings *s);
bool hf_session_settings_equal (const HfSessionSettings *a, const HfSessionSettings *b);
/* Reads only from the session; nothing is taken over. */
HfStatus hf_session_encode (const HfSession *session, unsigned char **data, size_t *len,
                            HfError *err);
HfStatus hf_session_save (const char *path, const HfSession *session, HfError *err);
/* A new session owning everything in it. */
HfSession *hf_session_decode (const unsigned char *data, size_t len, const char *name,
                              HfError *err);
HfSession *hf_session_load (const char *path, HfError *err);
void hf_session_free (HfSession *session);
bool hf_session_sniff (const unsigned char *data, size_t len);
