#!/usr/bin/env python3
"""Fails when a source file with strings marked for translation is missing
from po/POTFILES (or POTFILES names a file that does not exist).

Marked: _( N_( C_( NC_( HF_N_( followed by a string, ngettext( and
hf_error_set( and cli_fail( with a literal format in C files;
translatable="yes" in GtkBuilder .ui files. Usage: check-potfiles.py SRCROOT
"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
C_MARK = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|HF_N_)\s*\(\s*"'
                    r'|(?<![A-Za-z0-9_])[dn]?ngettext\s*\('
                    r'|(?<![A-Za-z0-9_])hf_error_set\s*\([^;"]*?,[^;"]*?,\s*"'
                    r'|(?<![A-Za-z0-9_])cli_fail\s*\([^;"]*?,\s*"')
UI_MARK = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')

listed = []
for line in (root / "po" / "POTFILES").read_text().splitlines():
    line = line.strip()
    if line and not line.startswith("#"):
        listed.append(line)

problems = []
for name in listed:
    if not (root / name).is_file():
        problems.append(f"po/POTFILES lists {name}, which does not exist")

marked = []
for path in sorted((root / "src").rglob("*")):
    if path.suffix in (".c", ".h", ".inc"):
        if C_MARK.search(path.read_text(errors="replace")):
            marked.append(path)
for path in sorted((root / "ui").rglob("*.ui")) if (root / "ui").is_dir() else []:
    if UI_MARK.search(path.read_text(errors="replace")):
        marked.append(path)

# the desktop file, the metainfo and the schema (gettext-domain) are translated too
res = root / "resources"
for pattern in ("*.desktop.in", "*.metainfo.xml.in", "*.gschema.xml"):
    marked.extend(sorted(res.glob(pattern)) if res.is_dir() else [])

for path in marked:
    rel = path.relative_to(root).as_posix()
    if rel not in listed:
        problems.append(f"{rel} has strings marked for translation but is not in po/POTFILES")

for p in problems:
    print(p)
print(f"{len(marked)} files with marked strings, {len(listed)} in po/POTFILES, "
      f"{len(problems)} problems")
sys.exit(1 if problems else 0)
