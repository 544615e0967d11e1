/* Every file of a corpus of malformed (and a few valid) inputs goes
 * through the loader its content selects: each must give a valid result
 * or an error with a message, never a crash or a leak (this test runs
 * under AddressSanitizer and valgrind in CI). Files named valid-* must
 * load; every other file must be refused. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hf-fileio.h"
#include "hf-image.h"
#include "hf-netfile.h"
#include "hf-text.h"

int
main (int argc, char **argv)
{
  if (argc != 2)
    {
      fprintf (stderr, "usage: test-corpus DIR\n");
      return 2;
    }
  DIR *dir = opendir (argv[1]);
  if (dir == NULL)
    {
      perror (argv[1]);
      return 2;
    }
  int passed = 0, failed = 0;
  struct dirent *e;
  while ((e = readdir (dir)) != NULL)
    {
      if (e->d_name[0] == '.')
        continue;
      char path[4096];
      snprintf (path, sizeof path, "%s/%s", argv[1], e->d_name);
      HfError err = { 0 };
      unsigned char *data;
      size_t len;
      if (hf_file_read (path, (size_t)1 << 30, &data, &len, &err) != HF_OK)
        {
          printf ("FAIL %s: cannot read: %s\n", e->d_name, err.message);
          failed++;
          continue;
        }
      int ok;
      if (hf_netfile_sniff (data, len))
        {
          HfNetwork *net = hf_netfile_decode (data, len, e->d_name, &err);
          ok = net != NULL && hf_network_finite (net)
               && hf_network_asymmetry (net) == 0.0;
          hf_network_free (net);
        }
      else if (hf_image_sniff (data, len))
        {
          HfImage *img = hf_image_decode (data, len, e->d_name, &err);
          ok = img != NULL;
          if (img != NULL)
            {
              int8_t s[64];
              ok = hf_image_to_pattern (img, 8, 8, HF_THRESHOLD_OTSU, 0, 0, s, NULL, &err)
                   == HF_OK;
            }
          hf_image_free (img);
        }
      else
        {
          HfPatterns *set = hf_text_parse ((const char *)data, len, e->d_name, &err);
          ok = set != NULL;
          hf_patterns_free (set);
        }
      free (data);
      int want = strncmp (e->d_name, "valid-", 6) == 0;
      if (ok == want && (ok || err.message[0] != '\0'))
        {
          passed++;
          printf ("ok   %s: %s\n", e->d_name, ok ? "loaded" : err.message);
        }
      else
        {
          failed++;
          printf ("FAIL %s: %s (%s)\n", e->d_name,
                  ok ? "loaded but should be refused" : "refused but should load",
                  err.message);
        }
    }
  closedir (dir);
  printf ("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
