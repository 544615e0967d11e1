#!/usr/bin/env python3
"""A monkey test: drives the real hopfield-studio with random X events.

Random clicks, drags, scrolls, typed text and shortcuts (the accelerator
table of src/app/hs-application.c, the window's own shortcuts and plain
keys) are sent with xdotool (XTEST: real X events) for a bounded time.
Run it under an X server of its own (tests/app/monkey.sh does: xvfb-run
inside dbus-run-session). The studio runs with G_DEBUG=fatal-criticals and
is expected to be an AddressSanitizer build; its stderr is watched for
warnings, criticals and sanitizer reports. A clean exit (Ctrl+Q, then
Discard) is not a failure: the studio is started again. At the end the
studio must be alive; it is then closed (Discard) and must exit with
status 0 and nothing in its log.

Everything the studio writes goes to a fresh temporary directory (HOME,
the XDG directories and the working directory). File choosers are always
cancelled (Escape), so nothing is saved anywhere else.

Exit status: 0 passed, 1 failed (the seed, the events and the log are
printed), 2 could not run.
"""
import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

# a line in the studio's stderr that fails the run
BAD = re.compile(r"-WARNING \*\*|-CRITICAL \*\*|AddressSanitizer|LeakSanitizer|"
                 r"runtime error:|-ERROR \*\*|Gtk-WARNING|GLib-GIO-WARNING")
# ... except this one, GTK 4.8's own: a click or drag on the window's
# border or header bar starts a window move or resize (a pointer grab), and
# GTK's bookkeeping of the :active state then warns for the widgets under
# the pointer and their ancestors, with or without a window manager (other
# GTK 4 programs report it on window drags). It is counted and reported.
TOLERATED = re.compile(r"Gtk-WARNING \*\*: [0-9:.]+: Broken accounting of active state for "
                       r"widget 0x[0-9a-f]+\([A-Za-z]+\)$")
# LeakSanitizer's report at exit: GTK 4.8 itself leaks a few strings under
# its key-event dispatch and its accessibility bus, in stacks that hold no
# frame of ours (only main()). A leak fails the run when a frame of its
# stack is our code (an hs_/hf_/hp_ function or a file under src/ other
# than main.c); the others are counted and reported.
LEAK_START = re.compile(r"^(Direct|Indirect) leak of ")
OUR_FRAME = re.compile(r" in (hs|hf|hp)_\w+|"
                       r"(?<![./])\.\./src/(?!app/main\.c)(app|engine|formats|plot|cli)/")
LSAN_EXIT = 23
# file choosers: always cancelled (they could write anywhere)
FILE_CHOOSER = re.compile(r"^(Open|Save .*|Export .*)$")
MAIN_TITLE = re.compile(r"— Hopfield Studio$")

GDK_TO_XDOTOOL_MODS = {"ctrl": "ctrl", "control": "ctrl", "primary": "ctrl",
                       "shift": "shift", "alt": "alt", "super": "super"}


def gtk_accel_to_xdotool(accel):
    """'<Ctrl><Shift>s' -> 'ctrl+shift+s' (GDK key names are X keysyms)."""
    mods = re.findall(r"<([A-Za-z]+)>", accel)
    key = re.sub(r"<[A-Za-z]+>", "", accel).strip()
    if not key:
        return None
    out = []
    for m in mods:
        m = GDK_TO_XDOTOOL_MODS.get(m.lower())
        if m is None:
            return None
        out.append(m)
    return "+".join(out + [key])


def app_shortcuts(src):
    """Every shortcut the studio declares: the accelerator table of
    hs-application.c and each gtk_shortcut_trigger_parse_string in src/app;
    returns (shortcuts, quit_keys)."""
    keys, quit_keys = set(), set()
    app_c = os.path.join(src, "src", "app", "hs-application.c")
    with open(app_c, encoding="utf-8") as f:
        text = f.read()
    for action, accels in re.findall(r'\{\s*"((?:app|win)\.[^"]+)",\s*\{([^}]*)\}', text):
        for accel in re.findall(r'"([^"]+)"', accels):
            k = gtk_accel_to_xdotool(accel)
            if k:
                (quit_keys if action == "app.quit" else keys).add(k)
    app_dir = os.path.join(src, "src", "app")
    for name in sorted(os.listdir(app_dir)):
        if not name.endswith(".c"):
            continue
        with open(os.path.join(app_dir, name), encoding="utf-8") as f:
            body = f.read()
        for trig in re.findall(r'trigger_parse_string\s*\(\s*"([^"]+)"', body):
            for accel in trig.split("|"):
                k = gtk_accel_to_xdotool(accel)
                if k:
                    keys.add(k)
    # the views (Alt+1 ... Alt+7), the side panel (F9), the menu (F10),
    # and the usual GTK keys: Ctrl+? and Ctrl+, if the studio has them
    for k in range(1, 10):
        keys.add("alt+%d" % k)
    keys.update(["F9", "F10", "ctrl+question", "ctrl+comma", "ctrl+z", "ctrl+shift+z",
                 "ctrl+w", "shift+F10", "Menu", "ctrl+a", "ctrl+c", "ctrl+v"])
    return sorted(keys), sorted(quit_keys)


PLAIN_KEYS = ["Tab", "shift+Tab", "Return", "space", "Escape", "Up", "Down", "Left",
              "Right", "shift+Up", "shift+Down", "shift+Left", "shift+Right", "Home",
              "End", "Page_Up", "Page_Down", "Delete", "BackSpace", "plus", "minus",
              "a", "b", "s", "w", "r", "e", "i", "0", "1", "5", "9", "period", "comma"]
# train, corrupt, recall (play, step, sweep, to the end, back, reset) and
# the views: sent more often than the other shortcuts
BUSY_KEYS = ["ctrl+t", "ctrl+t", "ctrl+k", "space", "space", "s", "w", "e", "r", "shift+s",
             "BackSpace", "alt+1", "alt+2", "alt+3", "alt+4", "alt+5", "alt+6", "alt+7"]
TEXT_BITS = ["0", "1", "7", "42", "-3", "0.5", "1e9", "-1e-9", "nan", "inf", "abc", "Ü",
             "∞", " ", "  ", "999999999999", "%s%n", "\\", "'", "\"", ".", ",", "--"]


class Monkey:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.src = os.path.abspath(args.source)
        self.shortcuts, self.quit_keys = app_shortcuts(self.src)
        self.tmp = tempfile.mkdtemp(prefix="hs-monkey-")
        self.events = open(os.path.join(self.tmp, "events.log"), "w", encoding="utf-8")
        self.log_path = os.path.join(self.tmp, "studio.log")
        self.log = open(self.log_path, "ab")
        self.log_seen = 0
        self.proc = None
        self.root = None
        self.cache = {}
        self.main_win = None
        self.starts = 0
        self.clean_exits = 0
        self.n_events = 0
        self.failure = None
        self.t0 = time.monotonic()
        self.next_shot = 0.0
        self.shots = 0
        self.seen_titles = set()
        self.tolerated = 0
        self.foreign_leaks = 0
        self.leak = None  # the frames of the leak report being read

    # ---- the studio ----

    def env(self):
        env = dict(os.environ)
        for var in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME",
                    "XDG_STATE_HOME", "XDG_RUNTIME_DIR", "XDG_DOCUMENTS_DIR"):
            path = os.path.join(self.tmp, var.lower())
            os.makedirs(path, mode=0o700, exist_ok=True)
            env[var] = path
        env.pop("LANGUAGE", None)
        env.update({
            "LC_ALL": "C.UTF-8",
            "GSETTINGS_BACKEND": "memory",
            "GDK_BACKEND": "x11",
            "GSK_RENDERER": "cairo",
            "G_DEBUG": "fatal-criticals",
            "ASAN_OPTIONS": "detect_leaks=1:abort_on_error=1:handle_abort=1:fast_unwind_on_malloc=0",
            "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1",
            "LSAN_OPTIONS": "exitcode=%d:suppressions=%s:print_suppressions=0"
                            % (LSAN_EXIT, os.path.join(self.src, "tests", "lsan.supp")),
        })
        if self.args.schemas:
            env["GSETTINGS_SCHEMA_DIR"] = self.args.schemas
        return env

    def start(self):
        work = os.path.join(self.tmp, "work")
        os.makedirs(work, exist_ok=True)
        self.starts += 1
        self.note("start studio (%d)" % self.starts)
        self.proc = subprocess.Popen([self.args.app], cwd=work, env=self.env(),
                                     stdin=subprocess.DEVNULL, stdout=self.log,
                                     stderr=subprocess.STDOUT)
        self.main_win = None
        end = time.monotonic() + 60
        while time.monotonic() < end and self.proc.poll() is None:
            for w in self.windows():
                if MAIN_TITLE.search(self.title(w)):
                    self.main_win = w
                    break
            if self.main_win:
                return True
            time.sleep(0.2)
        self.fail("the studio's window did not appear (exit status %s)" % self.proc.poll())
        return False

    def check_log(self):
        with open(self.log_path, "rb") as f:
            f.seek(self.log_seen)
            new = f.read()
        self.log_seen += len(new)
        for line in new.decode("utf-8", "replace").splitlines():
            if LEAK_START.search(line) or (self.leak is not None and line.strip()):
                if LEAK_START.search(line):
                    self.end_leak()
                    self.leak = [line]
                else:
                    self.leak.append(line)
                continue
            if self.leak is not None:
                self.end_leak()
            if "ERROR: LeakSanitizer" in line or line.startswith("SUMMARY: AddressSanitizer") \
                    and "leaked" in line:
                continue
            if TOLERATED.search(line):
                self.tolerated += 1
            elif BAD.search(line):
                self.fail("the studio's log: " + line.strip())
                return False
        return True

    def end_leak(self):
        """A leak report's block ended: ours fails the run, GTK's is counted."""
        leak, self.leak = self.leak, None
        if not leak:
            return
        if any(OUR_FRAME.search(frame) for frame in leak):
            self.fail("a leak in our code:\n" + "\n".join(leak))
        else:
            self.foreign_leaks += 1

    def check_exit(self, expected):
        """The studio has exited: fine when expected (a quit) and clean."""
        rc = self.proc.returncode
        time.sleep(0.2)
        if not self.check_log():
            return False
        self.end_leak()
        if self.failure is not None:
            return False
        if rc in (LSAN_EXIT, -signal.SIGABRT) and self.foreign_leaks:
            rc = 0  # LeakSanitizer found only GTK's own leaks (counted above)
        if rc != 0:
            self.fail("the studio exited with status %d" % rc)
            return False
        if not expected:
            self.fail("the studio exited by itself (status 0)")
            return False
        self.clean_exits += 1
        self.note("the studio exited cleanly")
        return True

    # ---- X ----

    def xdo(self, *argv, timeout=10):
        try:
            r = subprocess.run(["xdotool"] + [str(a) for a in argv], capture_output=True,
                               text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            self.note("xdotool timed out: %s" % " ".join(map(str, argv)))
            return ""
        return r.stdout

    def windows(self):
        """Visible top-level windows on this display (all are the studio's),
        with their geometry and title, in one call of xdotool."""
        if self.root is None:
            self.root = self.xdo("search", "--maxdepth", "0", "--name", "").split()
        out = self.xdo("search", "--onlyvisible", "--maxdepth", "1", "--name", "",
                       "getwindowgeometry", "--shell", "%@", "getwindowname", "%@")
        lines = out.split("\n")
        geos, order = {}, []
        k = 0
        while k < len(lines) and lines[k].startswith("WINDOW="):
            vals = {}
            while k < len(lines) and "=" in lines[k] and not (vals and lines[k].startswith("WINDOW=")):
                key, _, val = lines[k].partition("=")
                vals[key] = val
                k += 1
            try:
                geos[vals["WINDOW"]] = (int(vals["X"]), int(vals["Y"]), int(vals["WIDTH"]),
                                        int(vals["HEIGHT"]))
                order.append(vals["WINDOW"])
            except (KeyError, ValueError):
                pass
        names = lines[k:k + len(order)]
        self.cache = {}
        result = []
        for n, w in enumerate(order):
            g = geos[w]
            if w in self.root or g[2] <= 2 or g[3] <= 2:
                continue
            self.cache[w] = (g, names[n] if n < len(names) else "")
            result.append(w)
        return result

    def geometry(self, w):
        if w in self.cache:
            return self.cache[w][0]
        out = self.xdo("getwindowgeometry", "--shell", w)
        vals = dict(line.split("=", 1) for line in out.split() if "=" in line)
        try:
            return (int(vals["X"]), int(vals["Y"]), int(vals["WIDTH"]), int(vals["HEIGHT"]))
        except (KeyError, ValueError):
            return None

    def title(self, w):
        if w in self.cache:
            return self.cache[w][1]
        return self.xdo("getwindowname", w).strip()

    def note(self, text):
        self.events.write("%8.2f %s\n" % (time.monotonic() - self.t0, text))
        self.events.flush()

    def fail(self, why):
        if self.failure is None:
            self.failure = why

    # ---- events ----

    def point_in(self, geo, region=None):
        x, y, w, h = geo
        if region is None:
            region = (0.0, 0.0, 1.0, 1.0)
        x0, y0, x1, y1 = region
        px = x + int(w * self.rng.uniform(x0, x1))
        py = y + int(h * self.rng.uniform(y0, y1))
        return max(0, min(px, x + w - 1)), max(0, min(py, y + h - 1))

    def region(self, is_main):
        """Where to aim in the main window: the header bar, the left panel,
        the view (canvas) or the recall panel; anywhere in other windows."""
        if not is_main:
            return None
        return self.rng.choices(
            [(0.0, 0.0, 1.0, 0.08), (0.0, 0.05, 0.3, 1.0), (0.28, 0.08, 0.75, 1.0),
             (0.72, 0.05, 1.0, 1.0), None], weights=[2, 4, 5, 3, 1])[0]

    def focus(self, w):
        self.xdo("windowfocus", w)

    def key(self, w, keys):
        self.focus(w)
        self.note("key %s" % keys)
        self.xdo("key", "--delay", "40", *keys.split())

    def event(self, w, geo, is_main):
        r = self.rng
        kind = r.choices(["shortcut", "plain", "text", "click", "drag", "scroll", "escape",
                          "resize", "quit", "menu", "tabwalk", "view"],
                         weights=[22, 8, 5, 30, 12, 6, 4, 1, 0.5 if self.quit_keys else 0,
                                  4 if is_main else 0, 5, 4 if is_main else 0])[0]
        if kind == "menu" and r.random() < 0.3:
            kind = "submenu"
        self.n_events += 1
        if kind == "shortcut" and r.random() < 0.4:
            kind = "busy"
        if kind == "busy":
            # the shortcuts that make the studio work: train, recall, views
            self.key(w, r.choice(BUSY_KEYS))
        elif kind == "submenu":
            # a sample set or a lesson from the main menu
            keys = ["F10"] + ["Down"] * r.randint(1, 3) + ["Right"]
            keys += ["Down"] * r.randint(0, 7) + ["Return"]
            self.key(w, " ".join(keys))
        elif kind == "menu":
            # the main menu (F10) and one of its items, maybe in a submenu
            keys = ["F10"] + ["Down"] * r.randint(0, 18)
            if r.random() < 0.3:
                keys += ["Right"] + ["Down"] * r.randint(0, 7)
            keys.append("Return" if r.random() < 0.85 else "Escape")
            self.key(w, " ".join(keys))
        elif kind == "tabwalk":
            # keyboard focus to some widget, then act on it
            keys = ["Tab"] * r.randint(1, 40)
            keys += r.choice([["space"], ["Return"], ["Down"] * r.randint(1, 6) + ["Return"],
                              ["Up", "Return"], ["Right"] * r.randint(1, 4), ["Escape"]])
            self.key(w, " ".join(keys))
        elif kind == "view":
            # a view (Alt+1 ... Alt+7), then clicks inside it
            self.key(w, "alt+%d" % r.randint(1, 7))
            time.sleep(0.3)
            for _ in range(r.randint(1, 4)):
                x, y = self.point_in(geo, (0.26, 0.08, 0.74, 0.98))
                self.note("click 1 x1 at %d,%d" % (x, y))
                self.xdo("mousemove", x, y, "click", 1)
                time.sleep(r.uniform(0.05, 0.4))
        elif kind == "shortcut":
            self.key(w, r.choice(self.shortcuts))
        elif kind == "plain":
            self.key(w, r.choice(PLAIN_KEYS))
        elif kind == "escape":
            self.key(w, "Escape")
        elif kind == "text":
            text = "".join(r.choice(TEXT_BITS) for _ in range(r.randint(1, 3)))
            self.focus(w)
            self.note("type %r" % text)
            self.xdo("type", "--delay", "15", "--", text)
            if r.random() < 0.5:
                self.xdo("key", "Return")
        elif kind == "click":
            x, y = self.point_in(geo, self.region(is_main))
            button = r.choices([1, 3, 2], weights=[85, 12, 3])[0]
            repeat = r.choices([1, 2, 3], weights=[80, 17, 3])[0]
            self.note("click %d x%d at %d,%d" % (button, repeat, x, y))
            self.xdo("mousemove", x, y, "click", "--repeat", repeat, "--delay", 60, button)
        elif kind == "drag":
            reg = (0.3, 0.12, 0.72, 0.92) if is_main and r.random() < 0.7 else None
            x, y = self.point_in(geo, reg)
            button = 1 if r.random() < 0.85 else 3
            argv = ["mousemove", x, y, "mousedown", button]
            path = []
            for _ in range(r.randint(2, 12)):
                x, y = self.point_in(geo, reg)
                path.append("%d,%d" % (x, y))
                argv += ["sleep", "0.02", "mousemove", x, y]
            argv += ["mouseup", button]
            self.note("drag %d through %s" % (button, " ".join(path)))
            self.xdo(*argv)
        elif kind == "scroll":
            x, y = self.point_in(geo, self.region(is_main))
            button = r.choice([4, 5, 4, 5, 6, 7])
            n = r.randint(1, 6)
            mod = r.choice([None, None, "ctrl", "shift"])
            self.note("scroll %d x%d at %d,%d %s" % (button, n, x, y, mod or ""))
            self.focus(w)
            argv = ["mousemove", x, y]
            if mod:
                argv += ["keydown", mod]
            argv += ["click", "--repeat", n, "--delay", 30, button]
            if mod:
                argv += ["keyup", mod]
            self.xdo(*argv)
        elif kind == "resize":
            if is_main:
                wd, ht = r.randint(700, 1366), r.randint(500, 768)
                self.note("resize to %dx%d" % (wd, ht))
                self.xdo("windowsize", w, wd, ht)
                self.xdo("windowmove", w, 0, 0)
        elif kind == "quit":
            self.key(w, r.choice(self.quit_keys))

    def step(self):
        wins = self.windows()
        if not wins:
            # no window (yet, or the studio is closing)
            time.sleep(0.3)
            return
        others = [w for w in wins if w != self.main_win]
        titles = {w: self.title(w) for w in others}
        for t in titles.values():
            self.seen_titles.add(t)
        # file choosers are cancelled at once: they could write anywhere
        for w, t in titles.items():
            if FILE_CHOOSER.match(t):
                self.key(w, "Escape")
                return
        # a dialog or popup is up (or only the guide is left): mostly play
        # with it, sometimes Escape
        if others and (self.main_win not in wins or self.rng.random() < 0.75):
            w = others[-1]
            if self.rng.random() < 0.12:
                self.key(w, "Escape")
                return
            geo = self.geometry(w)
            if geo:
                self.event(w, geo, False)
            return
        geo = self.geometry(self.main_win)
        if geo and (geo[0] < 0 or geo[1] < 0 or geo[0] > 200 or geo[1] > 200):
            # dragged off by a window move: back to the top left corner
            self.note("move the window from %d,%d to 0,0" % (geo[0], geo[1]))
            self.xdo("windowmove", self.main_win, 0, 0)
            return
        if geo:
            self.event(self.main_win, geo, True)

    def screenshot(self):
        if not self.args.shots:
            return
        now = time.monotonic() - self.t0
        if now < self.next_shot:
            return
        self.next_shot = now + self.args.shot_every
        os.makedirs(self.args.shots, exist_ok=True)
        path = os.path.join(self.args.shots, "monkey-%d-%03d.png" % (self.args.seed, self.shots))
        self.shots += 1
        subprocess.run(["import", "-window", "root", path], capture_output=True, timeout=30)
        self.note("screenshot %s" % path)

    def close(self):
        """Closes every window (Ctrl+Q, answering Discard) and waits for a
        clean exit."""
        end = time.monotonic() + self.args.close_timeout
        attempt = 0
        while time.monotonic() < end and self.proc.poll() is None:
            attempt += 1
            wins = self.windows()
            others = [w for w in wins if w != self.main_win]
            titles = {w: self.title(w) for w in others}
            # a "Discard Changes" question: Alt+D; other dialogs: Escape
            for w, t in titles.items():
                self.key(w, "alt+d" if t == "" else "Escape")
            time.sleep(0.5)
            if self.proc.poll() is not None:
                break
            target = self.main_win if self.main_win in wins else (wins[0] if wins else None)
            if target is not None:
                self.key(target, self.quit_keys[0] if self.quit_keys else "ctrl+q")
            time.sleep(1.0 + 0.5 * min(attempt, 6))
        try:
            self.proc.wait(timeout=max(1, end - time.monotonic()))
        except subprocess.TimeoutExpired:
            self.fail("the studio did not exit within %d s of being asked to close"
                      % self.args.close_timeout)
            self.proc.send_signal(signal.SIGABRT)  # a backtrace in the log
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            return False
        return self.check_exit(True)

    def run(self):
        print("monkey: seed %d, %d s, %d shortcuts, temporary directory %s"
              % (self.args.seed, self.args.seconds, len(self.shortcuts), self.tmp), flush=True)
        if not self.start():
            return self.report()
        end = self.t0 + self.args.seconds
        while time.monotonic() < end and self.failure is None:
            if self.proc.poll() is not None:
                if not self.check_exit(True):
                    break
                if not self.start():
                    break
                continue
            self.step()
            self.screenshot()
            if not self.check_log():
                break
            time.sleep(self.rng.uniform(0.02, self.args.pause))
        if self.failure is None:
            # it must end alive, then close cleanly
            time.sleep(1.0)
            if self.proc.poll() is not None:
                self.check_exit(True)
                if self.failure is None and self.start():
                    time.sleep(1.0)
            if self.failure is None and self.proc.poll() is None:
                self.close()
        elif self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        return self.report()

    def report(self):
        self.events.close()
        self.log.close()
        secs = time.monotonic() - self.t0
        print("monkey: %d events in %.0f s, %d start(s), %d clean exit(s)"
              % (self.n_events, secs, self.starts, self.clean_exits))
        if self.tolerated:
            print("monkey: %d tolerated GTK warning(s) (window move/resize)" % self.tolerated)
        if self.foreign_leaks:
            print("monkey: %d leak(s) inside GTK at exit, with no frame of ours" % self.foreign_leaks)
        print("monkey: dialogs and popups seen: %s"
              % ", ".join(sorted(repr(t) for t in self.seen_titles)))
        if self.failure is None:
            print("monkey: PASSED (seed %d)" % self.args.seed)
            if not self.args.keep:
                shutil.rmtree(self.tmp, ignore_errors=True)
            return 0
        print("monkey: FAILED (seed %d): %s" % (self.args.seed, self.failure))
        print("monkey: replay with: tests/app/monkey.sh %d %d" % (self.args.seconds,
                                                                   self.args.seed))
        print("---- last events (%s) ----" % os.path.join(self.tmp, "events.log"))
        with open(os.path.join(self.tmp, "events.log"), encoding="utf-8") as f:
            print("".join(f.readlines()[-25:]), end="")
        print("---- the studio's log (%s) ----" % self.log_path)
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            lines = f.readlines()
        print("".join(lines[-150:]), end="")
        return 1


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--app", required=True, help="the hopfield-studio binary")
    p.add_argument("--source", default=os.path.join(os.path.dirname(__file__), "..", ".."),
                   help="the source tree (for the shortcuts and tests/lsan.supp)")
    p.add_argument("--schemas", help="GSETTINGS_SCHEMA_DIR for the studio")
    p.add_argument("--seconds", type=int, default=45)
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--pause", type=float, default=0.25,
                   help="longest pause between events, in seconds")
    p.add_argument("--close-timeout", type=int, default=90)
    p.add_argument("--shots", help="a folder for screenshots of the screen")
    p.add_argument("--shot-every", type=float, default=20.0)
    p.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = p.parse_args()
    if args.seed is None:
        args.seed = random.SystemRandom().randrange(1, 2**31)
    if shutil.which("xdotool") is None or "DISPLAY" not in os.environ:
        print("monkey: needs xdotool and an X display (run tests/app/monkey.sh)")
        return 2
    return Monkey(args).run()


if __name__ == "__main__":
    sys.exit(main())
