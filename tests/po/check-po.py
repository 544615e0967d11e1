#!/usr/bin/env python3
"""Guards the translations: regenerates the template from po/POTFILES into a
temporary directory (xgettext with meson's 'glib' preset plus the extra
arguments po/meson.build passes, given on the command line), merges every
language of po/LINGUAS against it and fails if any message is untranslated
or fuzzy, or if msgfmt -c (with the accelerator check) rejects the result.

Usage: check-po.py SRCROOT [XGETTEXT_ARG...]
"""
import pathlib
import re
import subprocess
import sys
import tempfile

# meson's i18n 'glib' preset (mesonbuild/modules/i18n.py), used when meson's
# own module is not importable from this interpreter.
GLIB_PRESET = [
    "--from-code=UTF-8", "--add-comments",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format", "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format", "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format", "--flag=g_set_error:4:c-format",
    "--flag=g_markup_printf_escaped:1:c-format", "--flag=g_log:3:c-format",
    "--flag=g_print:1:c-format", "--flag=g_printerr:1:c-format", "--flag=g_printf:1:c-format",
    "--flag=g_fprintf:2:c-format", "--flag=g_sprintf:2:c-format", "--flag=g_snprintf:3:c-format",
]
try:
    sys.path.append("/usr/lib/python3/dist-packages")
    from mesonbuild.modules.i18n import PRESET_ARGS
    GLIB_PRESET = list(PRESET_ARGS["glib"])
except Exception:  # pragma: no cover - the copy above is the fallback
    pass

root = pathlib.Path(sys.argv[1]).resolve()
extra = sys.argv[2:]
po_dir = root / "po"
langs = [l.strip() for l in (po_dir / "LINGUAS").read_text().split()
         if l.strip() and not l.startswith("#")]


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def entries(path, *flags):
    """The msgids msgattrib selects with the given flags (e.g. --untranslated)."""
    out = run(["msgattrib", "--no-wrap", *flags, str(path)]).stdout
    ids = re.findall(r'^msgid "(.*)"$', out, re.M)
    return [i for i in ids if i]


failures = []
with tempfile.TemporaryDirectory(prefix="hs-po-") as tmp:
    tmp = pathlib.Path(tmp)
    pot = tmp / "template.pot"
    r = run(["xgettext", *GLIB_PRESET, *extra, "--package-name=hopfield-studio",
             "-D", str(root), "-f", str(po_dir / "POTFILES"), "-o", str(pot)], cwd=root)
    if r.returncode != 0 or not pot.is_file():
        print("xgettext failed:\n" + r.stderr)
        sys.exit(1)
    n_template = len(re.findall(r"^msgid ", pot.read_text(), re.M)) - 1
    print(f"template: {n_template} messages from po/POTFILES")
    if n_template < 1:
        failures.append("the template is empty")
    for lang in langs:
        merged = tmp / f"{lang}.po"
        r = run(["msgmerge", "--quiet", "--previous", "-o", str(merged),
                 str(po_dir / f"{lang}.po"), str(pot)])
        if r.returncode != 0:
            failures.append(f"{lang}: msgmerge failed: {r.stderr.strip()}")
            continue
        for what, flags in (("untranslated", ["--untranslated"]),
                            ("fuzzy", ["--only-fuzzy"])):
            ids = entries(merged, "--no-obsolete", *flags)
            if ids:
                failures.append(f"{lang}: {len(ids)} {what} message(s), e.g. "
                                + "; ".join(repr(i) for i in ids[:5]))
        # msgattrib counts a plural message as translated when msgstr[0] is;
        # every form must be
        empty = re.findall(r'^msgid "(.*)"\n(?:msgid_plural .*\n)?(?:msgstr\[\d+\] ".+"\n)*'
                           r'msgstr\[\d+\] ""\n(?!")',
                           run(["msgattrib", "--no-wrap", "--no-obsolete", str(merged)]).stdout,
                           re.M)
        if empty:
            failures.append(f"{lang}: {len(empty)} plural message(s) with an empty form, e.g. "
                            + "; ".join(repr(i) for i in empty[:5]))
        r = run(["msgfmt", "-c", "--check-accelerators=_", "--statistics",
                 "-o", str(tmp / f"{lang}.mo"), str(merged)])
        print(f"{lang}: {r.stderr.strip()}")
        if r.returncode != 0:
            failures.append(f"{lang}: msgfmt -c failed")

for f in failures:
    print("FAIL:", f)
print(f"{len(langs)} language(s), {len(failures)} problem(s)")
sys.exit(1 if failures else 0)
