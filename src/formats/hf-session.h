/* hf-session.h: a lesson saved as one file (docs/session-format.md): the
 * pattern library, the probe, the network if any, and the settings. */
#pragma once

#include <stdint.h>

#include "hf-network.h"
#include "hf-patterns.h"

#define HF_SESSION_VERSION 2u /* reads 1 and 2; writes 2 */
#define HF_SESSION_TITLE_MAX 200u
#define HF_SESSION_NOTES_MAX 65536u
#define HF_SESSION_VIEW_MAX 32u

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
} HfSession;

void hf_session_settings_init (HfSessionSettings *s);
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
