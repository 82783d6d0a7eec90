#!/usr/bin/env python3
"""rss-timeline.py CMD... - runs CMD and prints, in time order, its output lines and its resident memory
(anonymous and file-backed, MiB, from /proc/PID/status every 0.1 s) with seconds since the start; ends
with the peak. CMD's process is sampled (the launchers exec the JVM, so that is the JVM). Used for
BENCHMARKS.md, "Installs on a device": which phase of an install holds the memory."""
import re
import subprocess
import sys
import threading
import time

if len(sys.argv) < 2:
    sys.exit("usage: rss-timeline.py CMD...")
t0 = time.time()
events = []
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def read_output():
    for line in proc.stdout:
        events.append((time.time() - t0, "  " + line.rstrip()))


reader = threading.Thread(target=read_output)
reader.start()
peak = (0, 0, 0.0)
last = -1.0
while proc.poll() is None:
    try:
        status = open("/proc/%d/status" % proc.pid).read()
        anon = int(re.search(r"RssAnon:\s+(\d+)", status).group(1)) // 1024
        file = int(re.search(r"RssFile:\s+(\d+)", status).group(1)) // 1024
    except (OSError, AttributeError):
        break
    now = time.time() - t0
    if anon + file > peak[0] + peak[1]:
        peak = (anon, file, now)
    if now - last >= 0.1:
        events.append((now, "rss: anon %d MiB, file %d MiB" % (anon, file)))
        last = now
    time.sleep(0.01)
reader.join()
for t, e in sorted(events):
    print("%6.2f %s" % (t, e))
print("peak: anon %d MiB + file %d MiB = %d MiB at %.2f s; exit %d"
      % (peak[0], peak[1], peak[0] + peak[1], peak[2], proc.wait()))
